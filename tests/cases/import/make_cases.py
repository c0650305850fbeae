"""Writes the import cases' CSV files (run once; the output is committed).

`python3 make_cases.py` then `python3 make_xlsx.py`. Everyone is fictional.
"""
from fnr import fnr

def w(name, text, enc="utf-8", bom=False):
    data = text.replace("\n", "\r\n").encode(enc)
    if bom:
        data = b"\xef\xbb\xbf" + data
    open(name, "wb").write(data)

def toml(name, body):
    open(name, "w", encoding="utf-8").write(body)

# 1. merged name column «Etternavn, Fornavn»
a = fnr(12, 4, 1990); b = fnr(3, 11, 1985)
w("merged_name.csv", f'Navn;Fødselsnummer;Fødselsdato\n"Haile, Selam";{a};12.04.1990\n"Ahmadi, Farid";{b};03.11.1985\n')
toml("merged_name.toml", "[expect]\nimported = 2\nduplicates = 0\n")

# 2. lost leading zeros: one restorable, one not
z1 = fnr(5, 3, 1992)          # starts with 0
# 7069912345 padded to 07069912345 fails the check digits: left as is.
w("lost_zeros.csv", f"Fornavn;Etternavn;Fnr\nNadia;Berg;{z1[1:]}\nOmar;Lund;7069912345\n")
toml("lost_zeros.toml", '[expect]\nimported = 1\nduplicates = 0\n\n[[expect.refused]]\nrow = 2\ncode = "identity_number_length"\n')

# 3. Windows-1252 with æøå
w("windows1252.csv", "Fornavn;Etternavn;Adresse\nÆsa;Østbø;Storgata 1, Tromsø\nPål;Sæther;Åsveien 2\n", enc="cp1252")
toml("windows1252.toml", "[expect]\nimported = 2\nduplicates = 0\n")

# 4. UTF-8 with BOM
w("utf8_bom.csv", "Fornavn;Etternavn;Språk\nLinh;Nguyễn;vietnamesisk\n", bom=True)
toml("utf8_bom.toml", "[expect]\nimported = 1\nduplicates = 0\n")

# 5. comma separator
w("comma.csv", 'First name,Last name,Notes\nAmal,Osman,"Trenger barnehage, to barn"\nYonas,Kidane,\n')
toml("comma.toml", "[expect]\nimported = 2\nduplicates = 0\n")

# 6. blank rows
w("blank_rows.csv", "Fornavn;Etternavn\nAnna;Dahl\n;\n\nBo;Ek\n;;\n")
toml("blank_rows.toml", "[expect]\nimported = 2\nduplicates = 0\n")

# 7. a total row
w("total_row.csv", "Fornavn;Etternavn;Planlagt lengde\nKari;Moe;24\nOla;Rud;12\nSum;;36\n")
toml("total_row.toml", "[expect]\nimported = 2\nduplicates = 0\nskipped = 1\n")

# 8. a title row above the header
w("title_row.csv", "Bosatte flyktninger 2025;;\nFornavn;Etternavn;Bosatt\nHamid;Karimi;01.09.2025\n")
toml("title_row.toml", "[expect]\nimported = 1\nduplicates = 0\nheader_row = 2\n")

# 10. d.m.åå dates
w("short_dates.csv", "Fornavn;Etternavn;Fødselsdato;Ankomst\nSara;Tesfay;5.3.91;1.2.24\n")
toml("short_dates.toml", "[expect]\nimported = 1\nduplicates = 0\n")

# 11. duplicates inside the file (same number; same name and birth date)
c = fnr(20, 6, 1988)
w("duplicates_in_file.csv", f"Fornavn;Etternavn;Fødselsnummer;Fødselsdato\nAli;Hassan;{c};20.06.1988\nAli;Hassan;{c};20.06.1988\nMaryam;Rahimi;;01.01.1970\nmaryam;RAHIMI;;01.01.1970\n")
toml("duplicates_in_file.toml", "[expect]\nimported = 2\nduplicates = 2\n")

# 12. duplicate of a registered participant
d = fnr(14, 2, 1979)
w("duplicate_registered.csv", f"Fornavn;Etternavn;Fødselsnummer\nDawit;Gebre;{d}\nLeila;Noor;\n")
toml("duplicate_registered.toml", f'[expect]\nimported = 1\nduplicates = 1\n\n[[given]]\ngiven_name = "Dawit"\nfamily_name = "Gebremedhin"\nidentity_number = "{d}"\nbirth_date = "14.02.1979"\n')

# 13. Nynorsk headers
w("nynorsk.csv", "Namn;Fødd;Busettingsdato;Opphaldsløyve\nIngrid Solheim;02.02.1995;01.03.2025;15.01.2025\n")
toml("nynorsk.toml", "[expect]\nimported = 1\nduplicates = 0\n")

# 14. English headers
e = fnr(30, 8, 2001)
w("english.csv", f"Given name,Surname,National ID,Date of birth,Gender,Email\nMohammed,Yousef,{e},30.08.2001,M,m.yousef@example.org\n")
toml("english.toml", "[expect]\nimported = 1\nduplicates = 0\n")

# 15. 31.02.2020
w("impossible_date.csv", "Fornavn;Etternavn;Bosatt\nTina;Lie;31.02.2020\nPer;Aas;28.02.2020\n")
toml("impossible_date.toml", '[expect]\nimported = 1\nduplicates = 0\n\n[[expect.refused]]\nrow = 1\ncode = "invalid_date"\n')

# 16. Arabic and Tigrinya names
w("scripts.csv", "Fornavn;Etternavn\nفاطمة;الحسن\nሰላም;ተስፋይ\n")
toml("scripts.toml", '[expect]\nimported = 2\nduplicates = 0\nnames = ["فاطمة الحسن", "ሰላም ተስፋይ"]\n')

# 17. a missing family name
w("missing_name.csv", "Fornavn;Etternavn;Telefon\nRuth;;98765432\n")
toml("missing_name.toml", '[expect]\nimported = 0\nduplicates = 0\n\n[[expect.refused]]\nrow = 1\ncode = "required"\n')
