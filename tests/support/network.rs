//! What network sockets a process tree holds, read from `/proc` (Linux).
//!
//! A socket a process holds shows as a link `socket:[inode]` under
//! `/proc/<pid>/fd`; the kernel's tables of internet sockets
//! (`/proc/<pid>/net/tcp`, `tcp6`, `udp`, `udp6`, `raw`, `raw6`, seen from
//! that process's network namespace) name each socket by the same inode.
//! Unix-domain sockets (the X display, D-Bus, the pipes between WebKit's
//! processes) are in none of those tables and are not network sockets.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};

/// The kernel tables of internet sockets.
pub const TABLES: &[&str] = &["tcp", "tcp6", "udp", "udp6", "raw", "raw6"];

/// One internet socket from a kernel table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InetSocket {
    /// `tcp`, `tcp6`, `udp`, …
    pub table: &'static str,
    pub local: (IpAddr, u16),
    pub remote: (IpAddr, u16),
    /// The TCP state as the kernel numbers it (`0A` listen, `01` established).
    pub state: u8,
    pub inode: u64,
}

impl InetSocket {
    pub fn is_listening(&self) -> bool {
        self.table.starts_with("tcp") && self.state == 0x0A
    }

    pub fn is_loopback(&self) -> bool {
        let loopback = |ip: &IpAddr| match ip {
            IpAddr::V4(v4) => v4.is_loopback(),
            // IPv4 loopback mapped into IPv6 (::ffff:127.0.0.1) counts too.
            IpAddr::V6(v6) => {
                v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
            }
        };
        loopback(&self.local.0) && (self.is_listening() || loopback(&self.remote.0))
    }
}

impl fmt::Display for InetSocket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match (self.table.starts_with("tcp"), self.state) {
            (true, 0x01) => "ESTABLISHED",
            (true, 0x0A) => "LISTEN",
            (true, 0x06) => "TIME_WAIT",
            (true, 0x08) => "CLOSE_WAIT",
            (true, _) => "other",
            (false, _) => "-",
        };
        write!(
            f,
            "{} {}:{} -> {}:{} {state} inode {}",
            self.table, self.local.0, self.local.1, self.remote.0, self.remote.1, self.inode
        )
    }
}

/// Parent of each running process, from `/proc/<pid>/stat`.
pub fn parents() -> BTreeMap<u32, u32> {
    let mut parents = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return parents;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid …": the command may hold spaces and
        // parentheses, so read after the last ')'.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse().ok());
        if let Some(ppid) = ppid {
            parents.insert(pid, ppid);
        }
    }
    parents
}

/// `root` and every process below it.
pub fn tree(root: u32) -> BTreeSet<u32> {
    let parents = parents();
    let mut found = BTreeSet::from([root]);
    loop {
        let before = found.len();
        for (pid, ppid) in &parents {
            if found.contains(ppid) {
                found.insert(*pid);
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// The program a process runs (`/proc/<pid>/exe`), without the
/// " (deleted)" the kernel appends when the file was replaced.
pub fn executable(pid: u32) -> Option<PathBuf> {
    let link = std::fs::read_link(format!("/proc/{pid}/exe")).ok()?;
    let text = link.to_string_lossy();
    Some(PathBuf::from(
        text.strip_suffix(" (deleted)").unwrap_or(&text).to_string(),
    ))
}

/// A process's short name (`/proc/<pid>/comm`).
pub fn name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// Whether `pid` runs the program at `path`.
pub fn runs(pid: u32, path: &Path) -> bool {
    let wanted = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    executable(pid).is_some_and(|exe| exe == wanted)
}

/// One variable of a process's environment.
pub fn environment_variable(pid: u32, key: &str) -> Option<String> {
    let environ = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
    environ.split(|b| *b == 0).find_map(|entry| {
        let entry = String::from_utf8_lossy(entry);
        entry
            .strip_prefix(key)
            .and_then(|rest| rest.strip_prefix('='))
            .map(str::to_string)
    })
}

/// The inodes of every socket the process holds open.
pub fn socket_inodes(pid: u32) -> BTreeSet<u64> {
    let mut inodes = BTreeSet::new();
    let Ok(entries) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return inodes;
    };
    for entry in entries.flatten() {
        if let Ok(target) = std::fs::read_link(entry.path()) {
            let target = target.to_string_lossy();
            if let Some(inode) = target
                .strip_prefix("socket:[")
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|n| n.parse().ok())
            {
                inodes.insert(inode);
            }
        }
    }
    inodes
}

fn parse_address(text: &str) -> Option<(IpAddr, u16)> {
    let (ip, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let ip = match ip.len() {
        // IPv4: one 32-bit word in host (little-endian) order.
        8 => IpAddr::V4(Ipv4Addr::from(
            u32::from_str_radix(ip, 16).ok()?.swap_bytes(),
        )),
        // IPv6: four 32-bit words, each in host order.
        32 => {
            let mut bytes = [0u8; 16];
            for (i, chunk) in bytes.chunks_mut(4).enumerate() {
                let word = u32::from_str_radix(&ip[i * 8..i * 8 + 8], 16).ok()?;
                chunk.copy_from_slice(&word.to_le_bytes());
            }
            IpAddr::V6(Ipv6Addr::from(bytes))
        }
        _ => return None,
    };
    Some((ip, port))
}

/// Every internet socket in the kernel tables seen from `pid`'s network
/// namespace.
pub fn inet_sockets(pid: u32) -> Vec<InetSocket> {
    let mut sockets = Vec::new();
    for table in TABLES {
        let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/net/{table}")) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.len() < 10 {
                continue;
            }
            let (Some(local), Some(remote)) = (parse_address(fields[1]), parse_address(fields[2]))
            else {
                continue;
            };
            let (Ok(state), Ok(inode)) = (u8::from_str_radix(fields[3], 16), fields[9].parse())
            else {
                continue;
            };
            sockets.push(InetSocket {
                table,
                local,
                remote,
                state,
                inode,
            });
        }
    }
    sockets
}

/// The internet sockets the processes `pids` hold, each with its holder.
pub fn held_inet_sockets(pids: &BTreeSet<u32>) -> Vec<(u32, InetSocket)> {
    let mut held = Vec::new();
    let mut seen = BTreeSet::new();
    for &pid in pids {
        let inodes = socket_inodes(pid);
        if inodes.is_empty() {
            continue;
        }
        for socket in inet_sockets(pid) {
            if inodes.contains(&socket.inode) && seen.insert((pid, socket.inode)) {
                held.push((pid, socket));
            }
        }
    }
    held
}
