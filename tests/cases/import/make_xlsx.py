"""Writes the import cases' .xlsx files (`python3 -m pip install openpyxl`).

Dates are written as real Excel dates (serials with a date format) and one
identity number as a number, as Excel leaves them after typing.
"""
import datetime
import openpyxl
from fnr import fnr

wb = openpyxl.Workbook()
ws = wb.active
ws.append(["Fornavn", "Etternavn", "Fødselsnummer", "Fødselsdato", "Bosettingsdato", "Planlagt lengde"])
n = fnr(9, 7, 1993)
ws.append(["Rahel", "Abraha", int(n), datetime.date(1993, 7, 9), datetime.date(2025, 2, 3), 24])
ws.append(["Karim", "Saleh", None, 34000, 45689, 12])
ws["D3"].number_format = "General"
ws["E3"].number_format = "General"
wb.save("excel_serials.xlsx")
open("excel_serials.toml", "w").write("[expect]\nimported = 2\nduplicates = 0\n")

# The window's import test (tests/e2e_import.rs): a workbook as a service
# keeps it, with a title row above the headers, one name column «Etternavn,
# Fornavn», a number that lost its leading zero, serial dates, a blank row,
# a row with a wrong identity number, and a total row at the bottom.
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["Deltakere i introduksjonsprogrammet – Fjordvik kommune"])
ws.append(["Navn", "Fødselsnummer", "Bosatt", "Telefon"])
amina = fnr(4, 3, 1990)
ws.append(["Hassan, Amina", int(amina), datetime.date(2025, 9, 1), "912 34 567"])
ws.append(["Tesfay, Yonas", fnr(21, 11, 1987), datetime.date(2025, 10, 15), ""])
ws.append([])
wrong = fnr(12, 5, 1995)
wrong = wrong[:-1] + str((int(wrong[-1]) + 1) % 10)
ws.append(["Nilsen, Ola", wrong, datetime.date(2025, 8, 20), ""])
ws.append(["Haddad, Layla", fnr(30, 1, 2001), datetime.date(2026, 1, 12), ""])
ws.append(["Sum", 4])
wb.save("messy_workbook.xlsx")
open("messy_workbook.toml", "w").write(
    "# A workbook as a service keeps it: the e2e import test opens this file.\n"
    "[expect]\nimported = 3\nduplicates = 0\nskipped = 1\n\n[[expect.refused]]\nrow = 4\ncode = \"identity_number_checksum\"\n"
)
