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
