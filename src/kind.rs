//! The kinds of entry a site holds, and the folder each lives in.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Pcn,
    Practice,
    Organisation,
    Activity,
    Job,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Pcn,
        Kind::Practice,
        Kind::Organisation,
        Kind::Activity,
        Kind::Job,
        Kind::Page,
    ];

    /// The folder under `content/`.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Pcn => "pcns",
            Kind::Practice => "practices",
            Kind::Organisation => "organisations",
            Kind::Activity => "activities",
            Kind::Job => "jobs",
            Kind::Page => "pages",
        }
    }

    /// How messages name one of these, with its article.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Pcn => "a PCN",
            Kind::Practice => "a practice",
            Kind::Organisation => "an organisation",
            Kind::Activity => "an activity",
            Kind::Job => "a job",
            Kind::Page => "a page",
        }
    }

    /// The bare name, for "there is no PCN with the id …".
    pub fn name(self) -> &'static str {
        let noun = self.noun();
        noun.split_once(' ').map_or(noun, |(_, name)| name)
    }

    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }
}
