//! Language tags as `site.yaml` writes them: which are well-formed and
//! name a language.
//!
//! A code becomes `<html lang>`, `hreflang`, a folder of the output and
//! the name of the interface strings file a page reads, so a mistake such
//! as `sp` for Spanish would publish pages that claim a language that does
//! not exist, with the English interface. A tag is taken when it has the
//! form language[-Script][-REGION] (the part of BCP 47 a site needs) and
//! its language is in ISO 639-1 (every two-letter code) or is an ISO 639-2
//! code of a language ISO 639-1 has no code for (`haw`, `hmn`, `fil`).
//! Languages that only ISO 639-3 codes (such as `yue`) are refused: their
//! table would be 8,000 codes, and BCP 47 wants the two-letter code
//! wherever there is one.
//!
//! The tables are those of ISO 639-2 as the Debian `iso-codes` package
//! (4.15) lists them: its `alpha_2` codes, and its `alpha_3` codes without
//! an `alpha_2`, less the special codes `mis`, `mul`, `und`, `zxx` and the
//! private range `qaa-qtz`.

/// Every ISO 639-1 code (184).
const ISO_639_1: &str = concat!(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ",
    "ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj ",
    "fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ",
    "ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la ",
    "lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng ",
    "nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa ",
    "sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk ",
    "tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu ",
);

/// The ISO 639-2 codes of languages without an ISO 639-1 code (298).
const ISO_639_2_ONLY: &str = concat!(
    "ace ach ada ady afa afh ain akk ale alg alt ang anp apa arc arn ",
    "arp art arw ast ath aus awa bad bai bal ban bas bat bej bem ber ",
    "bho bik bin bla bnt bra btk bua bug byn cad cai car cau ceb cel ",
    "chb chg chk chm chn cho chp chr chy cmc cnr cop cpe cpf cpp crh ",
    "crp csb cus dak dar day del den dgr din doi dra dsb dua dum dyu ",
    "efi egy eka elx enm ewo fan fat fil fiu fon frm fro frr frs fur ",
    "gaa gay gba gem gez gil gmh goh gon gor got grb grc gsw gwi hai ",
    "haw hil him hit hmn hsb hup iba ijo ilo inc ine inh ira iro jbo ",
    "jpr jrb kaa kab kac kam kar kaw kbd kha khi kho kmb kok kos kpe ",
    "krc krl kro kru kum kut lad lah lam lez lol loz lua lui lun luo ",
    "lus mad mag mai mak man map mas mdf mdr men mga mic min mkh mnc ",
    "mni mno moh mos mun mus mwl mwr myn myv nah nai nap nds new nia ",
    "nic niu nog non nqo nso nub nwc nym nyn nyo nzi osa ota oto paa ",
    "pag pal pam pap pau peo phi phn pon pra pro raj rap rar roa rom ",
    "rup sad sah sai sal sam sas sat scn sco sel sem sga sgn shn sid ",
    "sio sit sla sma smi smj smn sms snk sog son srn srr ssa suk sus ",
    "sux syc syr tai tem ter tet tig tiv tkl tlh tli tmh tog tpi tsi ",
    "tum tup tut tvl tyv udm uga umb vai vot wak wal war was wen xal ",
    "yao yap ypk zap zbl zen zgh znd zun zza ",
);

/// Codes people write for a language that are not its code, with the code
/// and the language's name, for the hint.
const COMMON_MISTAKES: [(&str, &str, &str); 9] = [
    ("sp", "es", "Spanish"),
    ("jp", "ja", "Japanese"),
    ("gr", "el", "Greek"),
    ("dk", "da", "Danish"),
    ("cz", "cs", "Czech"),
    ("ua", "uk", "Ukrainian"),
    ("cn", "zh", "Chinese"),
    ("vn", "vi", "Vietnamese"),
    ("iw", "he", "Hebrew"),
];

/// Why a tag is refused: the message and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub message: String,
    pub hint: String,
}

/// Whether `tag` has the form language[-Script][-REGION]: 2 or 3 letters,
/// then optionally 4 letters, then optionally 2 letters or 3 digits, in
/// any case (BCP 47 ignores case).
pub(crate) fn is_well_formed(tag: &str) -> bool {
    let letters = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_alphabetic());
    let mut parts = tag.split('-').peekable();
    let language_ok = parts.next().is_some_and(|p| letters(p, 2) || letters(p, 3));
    if !language_ok {
        return false;
    }
    if parts.peek().is_some_and(|p| letters(p, 4)) {
        parts.next();
    }
    if parts
        .peek()
        .is_some_and(|p| letters(p, 2) || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())))
    {
        parts.next();
    }
    parts.next().is_none()
}

/// The language part of a tag: `es` of `es-MX`.
pub(crate) fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// `tag` written the way BCP 47 recommends: the language in lower case,
/// a script with a capital (`Hant`), a region in capitals (`MX`); other
/// parts as written. `ES` → `es`, `zh-hant-tw` → `zh-Hant-TW`.
pub(crate) fn canonical(tag: &str) -> String {
    tag.split('-')
        .enumerate()
        .map(|(i, part)| {
            let alphabetic = part.bytes().all(|b| b.is_ascii_alphabetic());
            if i == 0 {
                part.to_ascii_lowercase()
            } else if alphabetic && part.len() == 4 {
                let lower = part.to_ascii_lowercase();
                let (first, rest) = lower.split_at(1);
                format!("{}{rest}", first.to_ascii_uppercase())
            } else if alphabetic && part.len() == 2 {
                part.to_ascii_uppercase()
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Checks that `tag` is a well-formed tag whose language exists.
pub(crate) fn check(tag: &str) -> Result<(), Problem> {
    if !is_well_formed(tag) {
        return Err(Problem {
            message: format!(
                "`{tag}` is not a language code: a code is a language, then optionally a script and a region (language[-Script][-REGION])"
            ),
            hint: "write a code such as `es`, `es-MX`, `pt-BR` or `zh-Hant-TW`".into(),
        });
    }
    let language = primary(tag);
    if language.bytes().any(|b| b.is_ascii_uppercase()) {
        let written = canonical(tag);
        return Err(Problem {
            message: format!("the language part of `{tag}` is not in lower case"),
            hint: format!(
                "write `{written}`: the code also names the pages' folder and the translations' files (`NAME.{written}.md`)"
            ),
        });
    }
    if language.len() == 2 && !is_listed(ISO_639_1, language) {
        let hint = match COMMON_MISTAKES.iter().find(|(wrong, _, _)| *wrong == language) {
            Some((_, right, name)) => format!(
                "did you mean `{right}` ({name})? a language is written with its ISO 639-1 code"
            ),
            None => "write the language's two-letter ISO 639-1 code, such as `en`, `es`, `fr`, `vi` or `zh`".into(),
        };
        return Err(Problem {
            message: format!("`{tag}` is not a language: ISO 639-1 has no code `{language}`"),
            hint,
        });
    }
    if language.len() == 3 && !is_listed(ISO_639_2_ONLY, language) {
        return Err(Problem {
            message: format!("`{tag}` is not a language code careers takes: `{language}` is not a three-letter code of a language without a two-letter one"),
            hint: "two-letter ISO 639-1 codes are expected (`es`, not `spa`); three letters are taken only for a language ISO 639-1 has no code for, from ISO 639-2 (`haw`, `hmn`, `fil`)".into(),
        });
    }
    Ok(())
}

fn is_listed(table: &str, code: &str) -> bool {
    table.split_whitespace().any(|c| c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_hold_what_their_comments_say() {
        let two: Vec<&str> = ISO_639_1.split_whitespace().collect();
        assert_eq!(two.len(), 184);
        assert!(two.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        assert!(two.iter().all(|c| c.len() == 2));
        let three: Vec<&str> = ISO_639_2_ONLY.split_whitespace().collect();
        assert_eq!(three.len(), 298);
        assert!(three.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        assert!(three.iter().all(|c| c.len() == 3));
        for (wrong, right, _) in COMMON_MISTAKES {
            assert!(!is_listed(ISO_639_1, wrong) && is_listed(ISO_639_1, right));
        }
    }

    #[test]
    fn real_tags_pass_and_others_say_why() {
        for tag in [
            "en",
            "es",
            "es-MX",
            "es-US",
            "es-419",
            "pt-BR",
            "zh-Hant-TW",
            "zh-Hans",
            "haw",
            "hmn",
            "fil",
            "sr-Latn",
            "en-gb",
        ] {
            assert_eq!(check(tag), Ok(()), "{tag}");
        }
        let sp = check("sp").unwrap_err();
        assert!(sp.message.contains("ISO 639-1 has no code `sp`"), "{sp:?}");
        assert!(sp.hint.contains("`es` (Spanish)"), "{sp:?}");
        assert!(check("xx")
            .unwrap_err()
            .hint
            .starts_with("write the language's two-letter"));
        for malformed in [
            "xx-yy-zz",
            "es-",
            "-es",
            "e",
            "espa",
            "es_MX",
            "es-MX-x",
            "en-US-1996",
            "",
        ] {
            let p = check(malformed).unwrap_err();
            assert!(
                p.message.contains("language[-Script][-REGION]"),
                "{malformed}: {p:?}"
            );
        }
        assert!(check("ES").unwrap_err().hint.starts_with("write `es`"));
        assert!(check("ES-mx")
            .unwrap_err()
            .hint
            .starts_with("write `es-MX`: the code also names"));
        assert_eq!(canonical("zh-hant-tw"), "zh-Hant-TW");
        assert_eq!(canonical("ES-419"), "es-419");
        assert_eq!(check(&canonical("EN-gb")), Ok(()));
        assert!(check("spa")
            .unwrap_err()
            .hint
            .starts_with("two-letter ISO 639-1 codes are expected"));
        assert!(check("yue").is_err());
    }

    proptest::proptest! {
        /// Whatever is written, the check answers without panicking, and
        /// what it takes is a folder name the old rule took too.
        #[test]
        fn any_text_is_answered(tag in "\\PC{0,12}|[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,5}){0,3}") {
            if check(&tag).is_ok() {
                proptest::prop_assert!(super::super::is_language_code(&tag));
            }
        }
    }
}
