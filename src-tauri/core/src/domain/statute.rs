//! The statutory rules as dated, cited data.
//!
//! Every figure the law fixes (a frame, a maximum extension, a time limit, a
//! date a regime starts or ends) is one row of [`RULES`], with the regime
//! and group it applies to, the days it is valid for, its legal reference,
//! the address of the source it was checked against, a short quote, and
//! whether the value could be verified. The engine reads the figures from
//! here, and the «Regelverk» screen shows the same rows, so what the
//! caseworker reads is what the engine applies.
//!
//! A value that could not be verified is still a row, marked
//! `verified: false` with what is uncertain in `note`; a value that no
//! source gives is [`RuleValue::NotFound`] rather than a guess, and the
//! engine then applies no limit and says so.
//!
//! Caseworker policy (review interval, hand-over lead time, the default
//! planned length per goal) is not here: it is in the editable settings.

use crate::domain::law::Law;
use chrono::NaiveDate;

choice! {
    /// What a statutory rule fixes.
    RuleKey {
        /// The day integreringsloven entered into force.
        IntegreringslovenInForce => "integreringsloven_in_force",
        /// The first permit date chapter 6A covers.
        CollectiveProtectionFrom => "collective_protection_from",
        /// The last day chapter 6A's temporary rules are known to apply.
        CollectiveProtectionUntil => "collective_protection_until",
        /// Months from settlement or claim to the programme's start.
        ProgrammeStartLimit => "programme_start_limit",
        /// Months from settlement or claim to competence mapping.
        CompetenceMappingLimit => "competence_mapping_limit",
        /// The programme's ordinary maximum length in months.
        ProgrammeFrame => "programme_frame",
        /// The most months an extension decision may add.
        ProgrammeExtensionMax => "programme_extension_max",
        /// Participants below this age (years) without upper-secondary
        /// education have the longer upper-secondary frame.
        UpperSecondaryAgeLimit => "upper_secondary_age_limit",
        /// Months from the start of Norwegian training to its deadline.
        NorwegianTrainingLimit => "norwegian_training_limit",
        /// Months from an event to its registration in NIR.
        ImdiRegistrationLimit => "imdi_registration_limit",
        /// The yearly NIR catch-up: the last day of this month of the next year.
        NirAnnualUpdate => "nir_annual_update",
        /// The oldest age (years) with the right and duty to the programme.
        ProgrammeAgeMaximum => "programme_age_maximum",
        /// Months into a care leave when follow-up is owed.
        CareLeaveFollowup => "care_leave_followup",
        /// The longest care leave, in months, in the child's first year.
        CareLeaveMaximum => "care_leave_maximum",
        /// The last day of tolkeloven's transitional exception from the
        /// qualification requirement.
        InterpreterTransitionUntil => "interpreter_transition_until",
        /// Months from an access request's receipt to its answer.
        AccessRequestAnswer => "access_request_answer",
    }
}

choice! {
    /// The group of participants a rule applies to.
    RuleGroup {
        /// Everyone under the rule's regime.
        All => "all",
        /// With upper-secondary education or higher.
        UpperSecondaryOrHigher => "upper_secondary_or_higher",
        /// Without upper-secondary education.
        BelowUpperSecondary => "below_upper_secondary",
        /// Without upper-secondary education, and under the age limit or
        /// with the goal of completing upper secondary.
        UpperSecondaryTrack => "upper_secondary_track",
    }
}

/// The value a rule fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleValue {
    /// A number of calendar months.
    Months(u32),
    /// A number of years.
    Years(u32),
    /// A date.
    Date(NaiveDate),
    /// The last day of this month (1–12).
    LastDayOfMonth(u32),
    /// No source gives the value; nothing is applied.
    NotFound,
}

/// One statutory rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatutoryRule {
    /// What the rule fixes.
    pub key: RuleKey,
    /// The regime it applies to; `None` for every regime.
    pub law: Option<Law>,
    /// The group it applies to.
    pub group: RuleGroup,
    /// The value.
    pub value: RuleValue,
    /// First day the value applies; `None` for "since the act began".
    pub valid_from: Option<NaiveDate>,
    /// Last day the value applies; `None` while no end is known.
    pub valid_to: Option<NaiveDate>,
    /// The legal reference, for example "integreringsloven § 13 andre ledd".
    pub reference: &'static str,
    /// The address of the text the value was checked against.
    pub source_url: &'static str,
    /// A short quote from that text.
    pub quote: &'static str,
    /// Whether the value was verified against the quoted source.
    pub verified: bool,
    /// What is uncertain, in Norwegian; empty when nothing is.
    pub note: &'static str,
}

impl StatutoryRule {
    /// The value in months, if it is one.
    pub fn months(&self) -> Option<u32> {
        match self.value {
            RuleValue::Months(m) => Some(m),
            RuleValue::Years(y) => Some(y * 12),
            _ => None,
        }
    }

    /// Whether the rule is in force on `day`.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= day) && self.valid_to.is_none_or(|to| day <= to)
    }

    /// The reference with "(ikke verifisert)" when the value is not verified,
    /// so a deadline's or warning's reference says so wherever it is shown.
    pub fn cited(&self) -> String {
        if self.verified {
            self.reference.to_string()
        } else {
            format!("{} (ikke verifisert)", self.reference)
        }
    }
}

const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("a valid date in the rule table"),
    }
}

const IMDI_LENGTHS: &str = "https://www.imdi.no/kvalifisering/regelverk/introduksjonsprogrammet/sluttmal-og-varighet-i-integreringsloven---integreringsloven/";
const PROP_81_L: &str =
    "https://www.regjeringen.no/no/dokumenter/prop.-81-l-20242025/id3094568/?ch=6";
const PROP_81_L_CH4: &str =
    "https://www.regjeringen.no/no/dokumenter/prop.-81-l-20242025/id3094568/?ch=4";
const IMDI_EXTENSION_OLD_LAW: &str =
    "https://www.imdi.no/opplaring-og-utdanning/vedtak-og-klager/forlengelse-av-introduksjonsprogram/";
const IMDI_6A: &str = "https://imdiny-prep.imdi.no/regelverk/integreringsloven/veileder-til-integreringsloven/8.-midlertidige-regler-for-personer-som-har-fatt-oppholdstillatelse-etter-utlendingsloven--34";
const IMDI_NIR_2022: &str =
    "https://www.imdi.no/imdinett/frist-for-a-oppdatere-opplysninger-i-nir-for-2022/";
const IMDI_NIR_2023: &str =
    "https://www.imdi.no/om-imdi/aktuelt-na/frist-for-a-oppdatere-opplysninger-i-nir-for-2023/";
const IMDI_KAP_5: &str = "https://imdiny-prep.imdi.no/regelverk/integreringsloven/veileder-til-integreringsloven/5.-kompetansekartlegging-og-karriereveiledning";
const IMDI_OLD_LAW_START: &str = "https://www.imdi.no/introduksjonsprogram/regler-om-deltakelse-i-introduksjonsprogramet/hvem-kan-delta-i-introduksjonsprogram/";
const IMDI_CARE_LEAVE: &str =
    "https://introduksjonsprogrammet.imdi.no/innhold/tilbud-i-omsorgspermisjon/";
const STATSFORVALTER_AGDER: &str = "https://www.statsforvalteren.no/agder/Folk-og-samfunn/Nyheter---Folk-og-samfunn/ny-integreringslov/";
const SAMARBEID_NAV: &str =
    "Veileder for samarbeid mellom kommunen og NAV, punkt 4.1 (shared/domain)";

const DATATILSYNET_ACCESS: &str = "https://www.datatilsynet.no/rettigheter-og-plikter/den-registrertes-rettigheter/rett-til-innsyn/rett-til-innsyn---nynorsk/";
const TOLKELOVEN_TRANSITION: &str = "https://www.helsedirektoratet.no/veiledere/tolketjenester-i-helse-og-omsorgstjenesten-horingsutkast/bruk-av-tolketjenester-i-helse-og-omsorgstjenesten/helse-og-omsorgstjenesten-skal-bestille-kvalifisert-tolk-nar-det-er-nodvendig-for-a-tilby-forsvarlige-tjenester";

/// Every statutory rule Introspor knows, shipped with the app.
pub static RULES: &[StatutoryRule] = &[
    StatutoryRule {
        key: RuleKey::IntegreringslovenInForce,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::All,
        value: RuleValue::Date(ymd(2021, 1, 1)),
        valid_from: None,
        valid_to: None,
        reference: "integreringsforskriften §§ 71–72 (ikrafttredelse og overgangsregler)",
        source_url: STATSFORVALTER_AGDER,
        quote: "Integreringsloven gjelder for de som får oppholdstillatelse fra og med 1.1.2021",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::CollectiveProtectionFrom,
        law: Some(Law::Integreringsloven6a),
        group: RuleGroup::All,
        value: RuleValue::Date(ymd(2022, 3, 11)),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven kapittel 6A",
        source_url: IMDI_6A,
        quote: "Integreringsloven kapittel 6A gjelder for personer som har fått midlertidig kollektiv beskyttelse fra og med 11. mars 2022",
        verified: true,
        note: "Kapittelet trådte i kraft 15. juni 2022.",
    },
    StatutoryRule {
        key: RuleKey::CollectiveProtectionUntil,
        law: Some(Law::Integreringsloven6a),
        group: RuleGroup::All,
        value: RuleValue::Date(ymd(2026, 7, 1)),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven kapittel 6A",
        source_url: IMDI_6A,
        quote: "De midlertidige bestemmelsene gjelder foreløpig til 1. juli 2026",
        verified: true,
        note: "Kilden sier «foreløpig»; om reglene er forlenget etter dette, er ikke funnet. Prop. 81 L (2024–2025) kapittel 11 opphever noen av de midlertidige reglene, fra en dato som ikke er funnet.",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeStartLimit,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::All,
        value: RuleValue::Months(3),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 12",
        source_url: IMDI_KAP_5,
        quote: "kommunen fatte vedtak om introduksjonsprogram senest innen tre måneder etter bosetting eller etter at krav om program fremsettes",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeStartLimit,
        law: Some(Law::Introduksjonsloven),
        group: RuleGroup::All,
        value: RuleValue::Months(3),
        valid_from: None,
        valid_to: None,
        reference: "introduksjonsloven § 3 annet ledd",
        source_url: IMDI_OLD_LAW_START,
        quote: "senest innen tre måneder etter at personen ble bosatt i kommunen, eller personen har framsatt krav om deltakelse",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeStartLimit,
        law: Some(Law::Integreringsloven6a),
        group: RuleGroup::All,
        value: RuleValue::Months(3),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 12, jf. kapittel 6A",
        source_url: IMDI_KAP_5,
        quote: "senest innen tre måneder etter bosetting eller etter at krav om program fremsettes",
        verified: false,
        note: "Om kapittel 6A endrer fristen på tre måneder, er ikke funnet; den ordinære fristen brukes.",
    },
    StatutoryRule {
        key: RuleKey::CompetenceMappingLimit,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::All,
        value: RuleValue::Months(3),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 10 (jf. § 6)",
        source_url: IMDI_KAP_5,
        quote: "kartleggingen også senest må være gjennomført innen tre måneder etter bosetting eller etter at krav om program er fremsatt",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeFrame,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::UpperSecondaryOrHigher,
        value: RuleValue::Months(6),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 13 andre ledd",
        source_url: PROP_81_L,
        quote: "skal ha program på tre til seks måneder med mulighet for seks måneders forlengelse, jf. integreringsloven § 13 andre ledd",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeExtensionMax,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::UpperSecondaryOrHigher,
        value: RuleValue::Months(6),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 13 andre og femte ledd",
        source_url: PROP_81_L,
        quote: "med mulighet for seks måneders forlengelse",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeFrame,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::BelowUpperSecondary,
        value: RuleValue::Years(2),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 14",
        source_url: IMDI_LENGTHS,
        quote: "Arbeid eller fullføre deler eller hele grunnskolen eller deler av videregående opplæring: 3 måneder – 2 år + 1 år",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeExtensionMax,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::BelowUpperSecondary,
        value: RuleValue::Years(1),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 14",
        source_url: IMDI_LENGTHS,
        quote: "3 måneder – 2 år + 1 år",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeFrame,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::UpperSecondaryTrack,
        value: RuleValue::Years(3),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 14",
        source_url: IMDI_LENGTHS,
        quote: "Deltakere under 25 år som ikke har utdanning på videregående nivå … 3 måneder – 3 år + 1 år",
        verified: true,
        note: "Prop. 81 L (2024–2025) utvider programmet for videregående; ikrafttredelse og nye lengder er ikke funnet.",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeExtensionMax,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::UpperSecondaryTrack,
        value: RuleValue::Years(1),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 14",
        source_url: IMDI_LENGTHS,
        quote: "3 måneder – 3 år + 1 år",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::UpperSecondaryAgeLimit,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::BelowUpperSecondary,
        value: RuleValue::Years(25),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 14",
        source_url: IMDI_LENGTHS,
        quote: "Deltakere under 25 år som ikke har utdanning på videregående nivå",
        verified: true,
        note: "Alderen måles ved programstart.",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeFrame,
        law: Some(Law::Introduksjonsloven),
        group: RuleGroup::All,
        value: RuleValue::Years(2),
        valid_from: None,
        valid_to: None,
        reference: "introduksjonsloven § 5",
        source_url: IMDI_EXTENSION_OLD_LAW,
        quote: "Programmet kan vare inntil to år, med tillegg av godkjent permisjon.",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeExtensionMax,
        law: Some(Law::Introduksjonsloven),
        group: RuleGroup::All,
        value: RuleValue::Years(1),
        valid_from: None,
        valid_to: None,
        reference: "introduksjonsloven § 5",
        source_url: IMDI_EXTENSION_OLD_LAW,
        quote: "Når særlige grunner taler for det, kan programmet vare inntil tre år",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeFrame,
        law: Some(Law::Integreringsloven6a),
        group: RuleGroup::All,
        value: RuleValue::NotFound,
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven kapittel 6A",
        source_url: IMDI_6A,
        quote: "",
        verified: false,
        note: "Programmets lengde etter kapittel 6A er ikke funnet; ingen øvre grense brukes.",
    },
    StatutoryRule {
        key: RuleKey::NorwegianTrainingLimit,
        law: Some(Law::Integreringsloven6a),
        group: RuleGroup::All,
        value: RuleValue::Months(12),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven kapittel 6A",
        source_url: IMDI_NIR_2022,
        quote: "12 mnd. fra oppstart av opplæringen",
        verified: true,
        note: "Regnes fra oppstart i det første vedtaket om opplæring, med tillegg av godkjent permisjon.",
    },
    StatutoryRule {
        key: RuleKey::NorwegianTrainingLimit,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::UpperSecondaryOrHigher,
        value: RuleValue::Months(18),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 32",
        source_url: IMDI_NIR_2022,
        quote: "dette benyttes for å beregne fristen for gjennomføring av opplæringen på enten 18 måneder eller 3 år",
        verified: false,
        note: "Lengden er bekreftet; fra hvilken dato fristen regnes er ikke funnet. Introspor regner fra oppstart i norskopplæringen, med tillegg av godkjent permisjon.",
    },
    StatutoryRule {
        key: RuleKey::NorwegianTrainingLimit,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::BelowUpperSecondary,
        value: RuleValue::Years(3),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 32",
        source_url: IMDI_NIR_2022,
        quote: "dette benyttes for å beregne fristen for gjennomføring av opplæringen på enten 18 måneder eller 3 år",
        verified: false,
        note: "Lengden er bekreftet; fra hvilken dato fristen regnes er ikke funnet. Introspor regner fra oppstart i norskopplæringen, med tillegg av godkjent permisjon.",
    },
    StatutoryRule {
        key: RuleKey::ProgrammeAgeMaximum,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::All,
        value: RuleValue::Years(55),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 8 første ledd",
        source_url: PROP_81_L_CH4,
        quote: "Aldersgruppen for rett og plikt til introduksjonsprogram foreslås utvidet fra 55 år til og med 60 år.",
        verified: false,
        note: "55 år er gjeldende rett før Prop. 81 L (2024–2025); endringen til 60 år ble vedtatt 6. juni 2025, men datoen den trer i kraft er ikke funnet.",
    },
    StatutoryRule {
        key: RuleKey::ImdiRegistrationLimit,
        law: Some(Law::Integreringsloven),
        group: RuleGroup::All,
        value: RuleValue::Months(2),
        valid_from: None,
        valid_to: None,
        reference: "integreringsloven § 43 andre ledd",
        source_url: "Veileder for samarbeid mellom kommunen og NAV, punkt 4.1 (shared/domain)",
        quote: "Opplysningene skal registreres innen to måneder etter at de foreligger",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::ImdiRegistrationLimit,
        law: Some(Law::Introduksjonsloven),
        group: RuleGroup::All,
        value: RuleValue::Months(2),
        valid_from: None,
        valid_to: None,
        reference: "forskrift om Nasjonalt introduksjonsregister",
        source_url: SAMARBEID_NAV,
        quote: "",
        verified: false,
        note: "Fristen på to måneder for introduksjonsloven er ikke funnet; sluttmål registreres ikke for denne gruppen.",
    },
    StatutoryRule {
        key: RuleKey::NirAnnualUpdate,
        law: None,
        group: RuleGroup::All,
        value: RuleValue::LastDayOfMonth(2),
        valid_from: None,
        valid_to: None,
        reference: "IMDi, frist for å ajourføre opplysninger i NIR",
        source_url: IMDI_NIR_2023,
        quote: "Kommunenes frist for å ajourføre opplysninger i Nasjonalt introduksjonsregister (NIR) for 2023 er 29. februar 2024",
        verified: true,
        note: "Fristen for 2022 var 28. februar 2023 (kilde: IMDi, frist for 2022).",
    },
    StatutoryRule {
        key: RuleKey::CareLeaveFollowup,
        law: None,
        group: RuleGroup::All,
        value: RuleValue::Months(3),
        valid_from: None,
        valid_to: None,
        reference: "integreringsforskriften § 16 andre ledd",
        source_url: IMDI_CARE_LEAVE,
        quote: "Tilbudet skal gis fra og med den fjerde måneden av permisjonstiden",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::CareLeaveMaximum,
        law: None,
        group: RuleGroup::All,
        value: RuleValue::Months(10),
        valid_from: None,
        valid_to: None,
        reference: "integreringsforskriften § 16 første ledd",
        source_url: IMDI_CARE_LEAVE,
        quote: "opptil ti måneder i barnets første leveår",
        verified: true,
        note: "",
    },
    StatutoryRule {
        key: RuleKey::InterpreterTransitionUntil,
        law: None,
        group: RuleGroup::All,
        value: RuleValue::Date(ymd(2026, 12, 31)),
        valid_from: None,
        valid_to: None,
        reference: "tolkeloven § 7 femte ledd",
        source_url: TOLKELOVEN_TRANSITION,
        quote: "Fram til 31. desember 2026 er det dispensasjon fra kravet om å bruke kvalifisert tolk, jf. tolkeloven § 7 femte ledd.",
        verified: true,
        note: "Kilden er Helsedirektoratets høringsutkast (2025), og Oslo kommune sier det samme; om fristen er forlenget, er ikke funnet.",
    },
    StatutoryRule {
        key: RuleKey::AccessRequestAnswer,
        law: None,
        group: RuleGroup::All,
        value: RuleValue::Months(1),
        valid_from: None,
        valid_to: None,
        reference: "personvernforordningen artikkel 12 nr. 3",
        source_url: DATATILSYNET_ACCESS,
        quote: "Verksemda skal gje deg innsyn utan ugrunna opphald og normalt seinast innan ein månad.",
        verified: true,
        note: "Fristen kan forlenges med inntil to måneder når anmodningen er omfattende; den registrerte skal da få vite det innen én måned. Forlengelse registreres ikke i Introspor.",
    },
];

/// The rule for `key` under `law` for `group`, valid on `day`. A rule for
/// the exact group is preferred to one for everyone under the regime, and
/// one for the regime to one for every regime.
pub fn find_rule(
    key: RuleKey,
    law: Law,
    group: RuleGroup,
    day: NaiveDate,
) -> Option<&'static StatutoryRule> {
    let rank = |rule: &StatutoryRule| {
        let law_rank = match rule.law {
            Some(l) if l == law => 0,
            None => 1,
            Some(_) => return None,
        };
        let group_rank = match rule.group {
            g if g == group => 0,
            RuleGroup::All => 1,
            _ => return None,
        };
        Some((law_rank, group_rank))
    };
    RULES
        .iter()
        .filter(|rule| rule.key == key && rule.valid_on(day))
        .filter_map(|rule| rank(rule).map(|r| (r, rule)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, rule)| rule)
}

/// A date the rule table fixes once for all regimes (an act's first day,
/// chapter 6A's first and last day).
pub fn rule_date(key: RuleKey) -> NaiveDate {
    RULES
        .iter()
        .find_map(|rule| match (rule.key == key, rule.value) {
            (true, RuleValue::Date(date)) => Some(date),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the rule table has a date for {}", key.as_str()))
}

/// The rule giving a date, with its source (for reasons and warnings).
pub fn date_rule(key: RuleKey) -> &'static StatutoryRule {
    RULES
        .iter()
        .find(|rule| rule.key == key && matches!(rule.value, RuleValue::Date(_)))
        .unwrap_or_else(|| panic!("the rule table has a date for {}", key.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_rule_cites_a_reference_and_a_source_and_unverified_ones_say_why() {
        for rule in RULES {
            let name = rule.key.as_str();
            assert!(!rule.reference.trim().is_empty(), "{name}: reference");
            assert!(!rule.source_url.trim().is_empty(), "{name}: source");
            if rule.verified {
                assert!(
                    !rule.quote.trim().is_empty(),
                    "{name}: a verified value quotes its source"
                );
                assert_ne!(rule.value, RuleValue::NotFound, "{name}");
            } else {
                assert!(
                    !rule.note.trim().is_empty(),
                    "{name}: an unverified value says what is uncertain"
                );
            }
            if let (Some(from), Some(to)) = (rule.valid_from, rule.valid_to) {
                assert!(from <= to, "{name}: validity runs forwards");
            }
        }
    }

    #[test]
    fn no_two_rules_overlap_for_the_same_key_regime_and_group() {
        for (i, a) in RULES.iter().enumerate() {
            for b in &RULES[i + 1..] {
                if a.key != b.key || a.law != b.law || a.group != b.group {
                    continue;
                }
                let a_end = a.valid_to.unwrap_or(NaiveDate::MAX);
                let b_end = b.valid_to.unwrap_or(NaiveDate::MAX);
                let a_start = a.valid_from.unwrap_or(NaiveDate::MIN);
                let b_start = b.valid_from.unwrap_or(NaiveDate::MIN);
                assert!(
                    a_end < b_start || b_end < a_start,
                    "{} for {:?}/{} is given twice for the same days",
                    a.key.as_str(),
                    a.law,
                    a.group.as_str()
                );
            }
        }
    }

    #[test]
    fn lookups_prefer_the_exact_group_and_regime() {
        let day = d("2026-01-01");
        // (key, law, group, expected months, why)
        let cases: &[(RuleKey, Law, RuleGroup, Option<u32>, &str)] = &[
            (
                RuleKey::ProgrammeFrame,
                Law::Integreringsloven,
                RuleGroup::UpperSecondaryOrHigher,
                Some(6),
                "educated group",
            ),
            (
                RuleKey::ProgrammeFrame,
                Law::Integreringsloven,
                RuleGroup::BelowUpperSecondary,
                Some(24),
                "without upper secondary",
            ),
            (
                RuleKey::ProgrammeFrame,
                Law::Integreringsloven,
                RuleGroup::UpperSecondaryTrack,
                Some(36),
                "upper-secondary track",
            ),
            (
                RuleKey::ProgrammeFrame,
                Law::Introduksjonsloven,
                RuleGroup::UpperSecondaryOrHigher,
                Some(24),
                "the old law has one frame for all",
            ),
            (
                RuleKey::ProgrammeExtensionMax,
                Law::Introduksjonsloven,
                RuleGroup::All,
                Some(12),
                "særlige grunner",
            ),
            (
                RuleKey::ProgrammeFrame,
                Law::Integreringsloven6a,
                RuleGroup::All,
                None,
                "chapter 6A: not found",
            ),
            (
                RuleKey::NorwegianTrainingLimit,
                Law::Integreringsloven6a,
                RuleGroup::BelowUpperSecondary,
                Some(12),
                "chapter 6A: one limit for all",
            ),
            (
                RuleKey::CareLeaveFollowup,
                Law::Introduksjonsloven,
                RuleGroup::All,
                Some(3),
                "a rule for every regime",
            ),
        ];
        for (key, law, group, months, why) in cases {
            let rule = find_rule(*key, *law, *group, day);
            assert_eq!(rule.and_then(|r| r.months()), *months, "{why}");
        }
        assert!(
            find_rule(RuleKey::ProgrammeFrame, Law::Unknown, RuleGroup::All, day).is_none(),
            "an unknown law has no frame"
        );
    }

    #[test]
    fn the_fixed_dates_are_in_the_table() {
        assert_eq!(
            rule_date(RuleKey::IntegreringslovenInForce),
            d("2021-01-01")
        );
        assert_eq!(
            rule_date(RuleKey::CollectiveProtectionFrom),
            d("2022-03-11")
        );
        assert_eq!(
            rule_date(RuleKey::CollectiveProtectionUntil),
            d("2026-07-01")
        );
    }
}
