//! Norwegian (Bokmål) texts that originate in the core: validation and error
//! messages. The UI's own texts live in `ui/i18n/nb.json`; these travel with
//! an error's stable `code`, so another language can map the code instead.

/// A required field is empty.
pub const REQUIRED: &str = "Fyll ut feltet.";
/// A line of text is too long.
pub const TOO_LONG: &str = "Teksten er for lang (høyst 200 tegn).";
/// Notes are too long.
pub const NOTES_TOO_LONG: &str = "Notatet er for langt (høyst 20 000 tegn).";
/// A short note (on an event or a task) is too long.
pub const NOTE_TOO_LONG: &str = "Notatet er for langt (høyst 2 000 tegn).";
/// A long text (several lines) is too long.
pub const LONG_TEXT_TOO_LONG: &str = "Teksten er for lang (høyst 20 000 tegn).";
/// A text of several lines contains control characters other than line
/// breaks and tabs (a NUL, an escape sequence).
pub const TEXT_CONTROL_CHARACTERS: &str =
    "Teksten inneholder usynlige kontrolltegn. Fjern dem, eller skriv teksten på nytt.";
/// A line contains control characters (tabs, line breaks and the like).
pub const CONTROL_CHARACTERS: &str = "Teksten inneholder ugyldige tegn, for eksempel linjeskift.";
/// A date could not be read.
/// The window's zoom could not be changed.
pub const ZOOM_FAILED: &str =
    "Forstørrelsen kunne ikke endres. Prøv igjen, eller start Introspor på nytt.";
/// Refusal of a date that has the right form but does not exist.
pub const NONEXISTENT_DATE: &str = "Datoen finnes ikke i kalenderen. Sjekk dag og måned.";
pub const INVALID_DATE: &str = "Skriv datoen som dd.mm.åååå, for eksempel 10.03.2025.";
/// A date is implausibly early.
pub const DATE_TOO_EARLY: &str = "Datoen kan ikke være før 1900. Sjekk årstallet.";
/// A choice is not one of the offered ones.
pub const INVALID_CHOICE: &str = "Velg et av alternativene i listen.";
/// Identity number has the wrong number of digits.
pub const IDENTITY_NUMBER_LENGTH: &str =
    "Fødselsnummer og D-nummer har 11 siffer. Sjekk at alle sifrene er med.";
/// Identity number contains other characters than digits.
pub const IDENTITY_NUMBER_DIGITS: &str = "Fødselsnummeret kan bare inneholde siffer.";
/// Identity number does not begin with a date.
pub const IDENTITY_NUMBER_DATE: &str =
    "De seks første sifrene må være en gyldig dato (ddmmåå, D-nummer: første siffer + 4).";
/// Identity number has wrong check digits.
pub const IDENTITY_NUMBER_CHECKSUM: &str =
    "Kontrollsifrene stemmer ikke. Sjekk at nummeret er skrevet riktig.";
/// Identity number already used by another participant.
pub const DUPLICATE_IDENTITY_NUMBER: &str =
    "Dette fødselsnummeret er allerede registrert på en annen deltaker.";
/// Identity number already used by an archived participant.
pub const DUPLICATE_IDENTITY_NUMBER_ARCHIVED: &str =
    "Dette fødselsnummeret er registrert på en arkivert deltaker. Gjenopprett den deltakeren i stedet.";
/// Birth date lies in the future.
pub const BIRTH_DATE_IN_FUTURE: &str = "Fødselsdatoen kan ikke være fram i tid.";
/// Birth date does not match the identity number.
pub const BIRTH_DATE_MISMATCH: &str = "Fødselsdatoen stemmer ikke med fødselsnummeret.";
/// Residence permit date lies in the future.
pub const PERMIT_DATE_IN_FUTURE: &str = "Datoen for oppholdstillatelse kan ikke være fram i tid.";
/// A date of something done lies in the future.
pub const DONE_DATE_IN_FUTURE: &str = "Datoen for noe som er gjort kan ikke være fram i tid.";
/// Settlement before arrival.
pub const SETTLEMENT_BEFORE_ARRIVAL: &str =
    "Bosettingsdatoen kan ikke være før ankomstdatoen til Norge.";
/// Interpreter needed but no language given.
pub const INTERPRETER_LANGUAGE_REQUIRED: &str = "Skriv hvilket språk tolken skal bruke.";
/// A law override needs a reason.
pub const OVERRIDE_REASON_REQUIRED: &str =
    "Skriv en begrunnelse når du overstyrer hvilken lov som gjelder.";
/// Email looks wrong.
pub const INVALID_EMAIL: &str = "E-postadressen ser ikke riktig ut, for eksempel navn@kommune.no.";
/// Phone looks wrong.
pub const INVALID_PHONE: &str = "Telefonnummeret kan bare ha siffer, mellomrom, + og -.";
/// Several fields need correcting.
pub const VALIDATION_SUMMARY: &str = "Noen felt må rettes før du kan lagre.";
/// The participant does not exist.
pub const PARTICIPANT_NOT_FOUND: &str = "Fant ikke deltakeren. Den kan være slettet.";
/// An event, leave, task or deadline does not exist.
pub const RECORD_NOT_FOUND: &str = "Fant ikke oppføringen. Den kan være slettet.";
/// Registered with IMDi before the event happened.
pub const REGISTERED_BEFORE_EVENT: &str =
    "Registreringsdatoen kan ikke være før hendelsen skjedde.";
/// An end date before the start date.
pub const END_BEFORE_START: &str = "Sluttdatoen kan ikke være før startdatoen.";
/// A planned programme length that is not a whole number of months from 1 to 120.
pub const PLANNED_LENGTH_OUT_OF_RANGE: &str =
    "Skriv programmets lengde i planen som et helt antall måneder fra 1 til 120.";
/// An extension that is not a whole number of months from 1 to 24.
pub const EXTENSION_MONTHS_OUT_OF_RANGE: &str =
    "Skriv forlengelsen som et helt antall måneder fra 1 til 24.";
/// An extension decided in the future.
pub const EXTENSION_DECIDED_IN_FUTURE: &str = "Vedtaksdatoen kan ikke ligge fram i tid.";
/// An extension decided before the programme started.
pub const EXTENSION_BEFORE_START: &str =
    "Et vedtak om forlengelse kan ikke være fattet før programmet startet.";
/// The extension-decision deadline is closed by recording a decision.
pub const EXTENSION_DEADLINE_CLOSED_BY_DECISION: &str =
    "Denne fristen lukkes ved å registrere vedtaket om forlengelse på deltakeren.";
/// A NIR data year before 2000 or after this year.
pub const NIR_YEAR_OUT_OF_RANGE: &str = "Dataåret må være fra 2000 til i år.";
/// A NIR check for a year that has not ended.
pub const NIR_YEAR_NOT_ENDED: &str =
    "Et års data i NIR kan først kontrolleres etter at året er omme.";
/// An interpreter used without saying whether qualified.
pub const INTERPRETER_QUALIFICATION_REQUIRED: &str =
    "Oppgi om tolken var kvalifisert (oppført i Nasjonalt tolkeregister) eller ikke.";
/// A child interpreting without an emergency reason.
pub const CHILD_INTERPRETER_REFUSED: &str = "Bekreft at tolken er voksen. Barn skal ikke brukes som tolk (tolkeloven § 4); bare i en nødssituasjon kan det gjøres, og da må du skrive hvorfor.";
/// A number outside the allowed range.
pub const MONTHS_OUT_OF_RANGE: &str = "Skriv et helt antall måneder innenfor det tillatte området.";
/// The database file was written by a newer version of Introspor.
pub const SCHEMA_TOO_NEW: &str =
    "Databasen er laget av en nyere versjon av Introspor. Oppdater programmet.";
/// Something went wrong in the database.
pub const DATABASE: &str = "Kunne ikke lese eller lagre i databasen. Ingenting ble endret.";
/// The data folder could not be used.
pub const STORAGE_FOLDER: &str = "Kunne ikke bruke datamappen på denne maskinen.";
/// A contact has no organisation.
pub const ORGANISATION_REQUIRED: &str = "Velg hvilken organisasjon kontakten hører til.";
/// A team member was not chosen.
pub const CONTACT_REQUIRED: &str = "Velg en kontakt fra kontaktregisteret.";
/// A member joins in the future.
pub const JOINED_IN_FUTURE: &str = "Datoen kontakten kom inn i teamet kan ikke være fram i tid.";
/// A member leaves in the future.
pub const LEFT_IN_FUTURE: &str = "Datoen kontakten gikk ut av teamet kan ikke være fram i tid.";
/// A member leaves before joining.
pub const LEFT_BEFORE_JOINED: &str = "Kontakten kan ikke gå ut av teamet før datoen hen kom inn.";
/// The contact is already a current member in that role.
pub const ALREADY_MEMBER: &str = "Kontakten er allerede med i teamet med denne rollen.";
/// A time of day could not be read.
pub const INVALID_TIME: &str = "Skriv klokkeslettet som tt:mm, for eksempel 09:30.";
/// A meeting ends before it starts.
pub const END_TIME_BEFORE_START: &str = "Sluttidspunktet kan ikke være før starttidspunktet.";
/// Triangle and team meetings are about one participant.
pub const MEETING_ONE_PARTICIPANT: &str = "Velg én deltaker møtet gjelder.";
/// Information meetings are about at least one participant.
pub const MEETING_SOME_PARTICIPANTS: &str = "Velg minst én deltaker som er invitert.";
/// Meetings between services name no participant.
pub const MEETING_NO_PARTICIPANTS: &str =
    "Samarbeids- og ledermøter gjelder ikke enkeltdeltakere. Fjern deltakerne.";
/// Too many rows in the meeting form.
pub const TOO_MANY_ITEMS: &str = "Møtet har for mange punkter (høyst 100 av hvert slag).";
/// An agenda item has notes but no title.
pub const AGENDA_TITLE_REQUIRED: &str = "Hvert punkt på sakslisten trenger en overskrift.";
/// An action item has no description.
pub const ACTION_WHAT_REQUIRED: &str = "Skriv hva som skal gjøres i hvert oppfølgingspunkt.";
/// An action item has no due date.
pub const ACTION_DUE_REQUIRED: &str = "Hvert oppfølgingspunkt trenger en frist (dd.mm.åååå).";
/// A meeting cannot be completed before its date.
pub const MEETING_IN_FUTURE: &str = "Møtet kan ikke fullføres før møtedatoen.";
/// Minutes can be exported only from a completed meeting.
/// A completed meeting's minutes are locked.
pub const MEETING_LOCKED: &str = "Møtet er fullført, og referatet er låst. Velg «Gjenåpne» og skriv hvorfor, så kan du rette det.";
/// A reopening needs its reason.
pub const REOPEN_REASON_REQUIRED: &str =
    "Skriv hvorfor møtet gjenåpnes. Grunnen lagres i møtets historikk.";
/// A reopening's reason is too long.
pub const REOPEN_REASON_TOO_LONG: &str = "Grunnen kan være på høyst 1000 tegn.";
/// Only a completed meeting can be reopened.
pub const MEETING_NOT_LOCKED: &str =
    "Møtet er ikke fullført, så det er allerede åpent for endringer.";
pub const MEETING_NOT_COMPLETED: &str = "Fullfør møtet før du eksporterer referatet.";
/// A legal basis is needed to share minutes outside the service.
pub const LEGAL_BASIS_REQUIRED: &str = "Velg hjemmel for å dele referatet med denne mottakeren.";
/// Triangle meeting: the participant is not present.
pub const TRIANGLE_MISSING_PARTICIPANT: &str =
    "Trekantmøtet kan ikke fullføres: deltakeren er ikke markert som til stede.";
/// Triangle meeting: nobody from the refugee service is present.
pub const TRIANGLE_MISSING_REFUGEE_SERVICE: &str =
    "Trekantmøtet kan ikke fullføres: ingen fra flyktningtjenesten er markert som til stede.";
/// Triangle meeting: nobody from NAV is present.
pub const TRIANGLE_MISSING_NAV: &str =
    "Trekantmøtet kan ikke fullføres: ingen fra NAV er markert som til stede.";
/// Triangle meeting: participant and refugee service missing.
pub const TRIANGLE_MISSING_PARTICIPANT_REFUGEE_SERVICE: &str =
    "Trekantmøtet kan ikke fullføres: deltakeren og flyktningtjenesten er ikke markert som til stede.";
/// Triangle meeting: participant and NAV missing.
pub const TRIANGLE_MISSING_PARTICIPANT_NAV: &str =
    "Trekantmøtet kan ikke fullføres: deltakeren og NAV er ikke markert som til stede.";
/// Triangle meeting: refugee service and NAV missing.
pub const TRIANGLE_MISSING_REFUGEE_SERVICE_NAV: &str =
    "Trekantmøtet kan ikke fullføres: verken flyktningtjenesten eller NAV er markert som til stede.";
/// Triangle meeting: nobody marked present.
pub const TRIANGLE_MISSING_ALL: &str =
    "Trekantmøtet kan ikke fullføres: deltakeren, flyktningtjenesten og NAV må være markert som til stede.";
/// A settings text is too long or has line breaks.
pub const SETTING_TEXT_INVALID: &str = "Skriv en linje på høyst 200 tegn.";
/// A completed meeting cannot be deleted.
pub const COMPLETED_MEETING_KEPT: &str =
    "Et fullført møte kan ikke slettes. Gjenåpne det hvis noe må rettes.";
/// The disk is full.
pub const DISK_FULL: &str =
    "Disken er full, så ingenting ble lagret. Dataene er som før. Frigjør plass og prøv igjen.";
/// The data folder is read-only.
pub const READ_ONLY: &str =
    "Datamappen kan ikke skrives til, så ingenting ble lagret. Dataene er som før. Kontakt IT-avdelingen.";
/// The database file is damaged.
pub const CORRUPT: &str =
    "Databasefilen er skadet. Ingenting ble endret. Gjenopprett fra den nyeste sikkerhetskopien.";
/// No randomness for a key.
pub const KEY_GENERATION: &str =
    "Kunne ikke lage en krypteringsnøkkel på denne maskinen. Kontakt IT-avdelingen.";
/// The credential store cannot be reached when a new database would be created.
pub const KEY_STORE_UNREACHABLE: &str =
    "Fikk ikke kontakt med maskinens nøkkellager (Legitimasjonsbehandling). Introspor lager ikke et nytt register uten et sted å ta vare på nøkkelen. Start maskinen på nytt, eller kontakt IT-avdelingen.";
/// The key does not open the database.
pub const WRONG_KEY: &str =
    "Nøkkelen åpner ikke registeret. Skriv inn gjenopprettingskoden for å åpne det.";
/// A recovery code with a typo.
pub const RECOVERY_CODE_CHECKSUM: &str =
    "Gjenopprettingskoden stemmer ikke. Et tegn er trolig skrevet feil; sjekk hver gruppe mot papiret.";
/// A recovery code of the wrong shape.
pub const RECOVERY_CODE_FORMAT: &str =
    "Gjenopprettingskoden har ni grupper med seks tegn (bokstaver og tall), for eksempel AB12CD-…";
/// A backup did not pass its check.
pub const BACKUP_CHECK_FAILED: &str =
    "Sikkerhetskopien besto ikke kontrollen og kan ikke brukes. Ingenting ble endret.";
/// The typed-back groups of the recovery code do not match.
pub const RECOVERY_CONFIRM_MISMATCH: &str =
    "Gruppene du skrev stemmer ikke med koden. Sjekk det du skrev ned, og prøv igjen.";
/// Audit trail check: a row's content no longer matches its hash.
pub const AUDIT_CONTENT_CHANGED: &str =
    "Innholdet i hendelsen er endret etter at den ble skrevet (kontrollsummen stemmer ikke).";
/// Audit trail check: a row does not point to the row before it.
pub const AUDIT_LINK_BROKEN: &str =
    "Hendelsen peker ikke på hendelsen før den. En hendelse kan være slettet eller satt inn.";
/// The history names a record that no longer exists (a meeting's convener
/// or a team member removed from the register), in place of its name.
pub const AUDIT_RECORD_GONE: &str = "(slettet)";
/// A period whose end lies before its start.
pub const PERIOD_END_BEFORE_START: &str = "Til-datoen kan ikke være før fra-datoen.";
/// Locked: no key for this register on this machine.
pub const LOCKED_KEY_MISSING: &str = "Nøkkelen til registeret finnes ikke på denne maskinen.";
/// Locked: the credential store could not be reached.
pub const LOCKED_KEY_STORE_UNREACHABLE: &str = "Fikk ikke kontakt med maskinens nøkkellager.";
/// Locked: the stored key does not open the register.
pub const LOCKED_WRONG_KEY: &str = "Nøkkelen på denne maskinen åpner ikke registeret.";
/// Damaged: the register file is gone, but backups or its key are there.
pub const DAMAGE_MISSING: &str =
    "Registerfilen mangler. Den kan være slettet eller flyttet av et synkroniserings- eller antivirusprogram. Introspor har ikke laget et nytt, tomt register.";
/// Damaged: the register file is empty.
pub const DAMAGE_EMPTY: &str =
    "Registerfilen er tom (0 byte). Den kan være tømt av et synkroniserings- eller antivirusprogram eller en diskfeil. Introspor har ikke laget et nytt, tomt register.";
/// Damaged: the first page of the file is damaged.
pub const DAMAGE_UNREADABLE: &str =
    "Starten av registerfilen er skadet, så den kan ikke leses. Nøkkelen er riktig: den åpner sikkerhetskopiene.";
/// Damaged: the register is older than a backup of it.
pub const DAMAGE_BEHIND_BACKUP: &str =
    "Registeret mangler endringer som finnes i en sikkerhetskopi. Det kan ha mistet loggfilen sin (introspor.sqlite3-wal), eller en eldre kopi kan være lagt inn.";
/// A recovery code that opens neither the register nor any backup.
pub const RECOVERY_CODE_OPENS_NOTHING: &str =
    "Koden åpner verken registeret eller noen av sikkerhetskopiene. Sjekk hver gruppe mot papiret.";
/// A schema upgrade was refused because it would lose links between rows.
pub const MIGRATION_FAILED: &str =
    "Registeret kunne ikke oppgraderes til denne versjonen av Introspor uten å miste sammenhenger mellom opplysningene, så oppgraderingen ble avbrutt. Registeret er som før. Bruk forrige versjon av Introspor og kontakt IT-avdelingen.";
/// Another Introspor holds the data folder.
pub const REGISTER_IN_USE: &str =
    "Registeret er allerede åpent i et annet Introspor-vindu på denne maskinen. Bruk det vinduet, eller lukk det og start Introspor på nytt.";

// Refusals at the command boundary: input the window never sends, values
// too long to keep whole, and rewrites that would silently change history.
// Each is refused whole, so the caseworker never finds a value cut short or
// a date moved without having asked for it.

/// A settings key this version of Introspor does not know.
pub const UNKNOWN_SETTING: &str =
    "Denne innstillingen finnes ikke i denne versjonen av Introspor. Ingenting ble lagret.";
/// Where an agenda item came from (a deadline or an action item) is too long.
pub const AGENDA_ORIGIN_TOO_LONG: &str =
    "Opphavet til et punkt på sakslisten er for langt (høyst 40 tegn).";
/// A deadline is already marked done; its date is changed by undoing first.
pub const ALREADY_DONE: &str =
    "Fristen er allerede merket utført. Velg «Angre utført» først hvis du vil endre datoen.";
