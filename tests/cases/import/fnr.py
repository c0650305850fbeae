"""Fictional Norwegian identity numbers for the import cases.

The rule before 2032 (mod 11): K1 = 11 - (3,7,6,1,8,9,4,5,2 · d1..d9) mod 11,
K2 = 11 - (5,4,3,2,7,6,5,4,3,2 · d1..d9,K1) mod 11; 11 becomes 0 and a
result of 10 means the individual number is never issued, so the next one
is tried. Individual numbers 000-499 for births 1900-1999, 500-999 for
2000-2039.
"""

W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]


def check(nine):
    d = [int(c) for c in nine]
    k1 = (11 - sum(a * b for a, b in zip(W1, d)) % 11) % 11
    if k1 == 10:
        return None
    k2 = (11 - sum(a * b for a, b in zip(W2, d + [k1])) % 11) % 11
    if k2 == 10:
        return None
    return f"{nine}{k1}{k2}"


def fnr(day, month, year, start=None):
    """The first valid number for a birth date, from individual `start`."""
    lo = start if start is not None else (100 if year < 2000 else 500)
    for ind in range(lo, 1000):
        n = check(f"{day:02}{month:02}{year % 100:02}{ind:03}")
        if n:
            return n
    raise ValueError("none")
