#!/usr/bin/env python3
"""Closes the windows of one process as a window manager's close button
does: sends them WM_DELETE_WINDOW (the ICCCM close request), so the app
goes through its normal close, not a kill. Usage: close_window.py PID.

The end-to-end tests run under Xvfb with no window manager, so nothing else
would send this message. Needs python3-xlib (Debian package)."""
import sys

from Xlib import X, display, protocol


def windows_of(disp, pid):
    net_wm_pid = disp.intern_atom("_NET_WM_PID")
    found = []
    stack = [disp.screen().root]
    while stack:
        window = stack.pop()
        try:
            prop = window.get_full_property(net_wm_pid, X.AnyPropertyType)
            children = window.query_tree().children
        except Exception:
            continue
        if prop is not None and prop.value and int(prop.value[0]) == pid:
            found.append(window)
        stack.extend(children)
    return found


def main():
    pid = int(sys.argv[1])
    disp = display.Display()
    protocols = disp.intern_atom("WM_PROTOCOLS")
    delete = disp.intern_atom("WM_DELETE_WINDOW")
    windows = windows_of(disp, pid)
    for window in windows:
        event = protocol.event.ClientMessage(
            window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
        )
        window.send_event(event, event_mask=X.NoEventMask)
    disp.flush()
    print(len(windows))
    return 0 if windows else 1


if __name__ == "__main__":
    sys.exit(main())
