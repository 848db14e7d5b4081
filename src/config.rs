//! `content/site.yaml`: the region, where the site is published, and the
//! vocabularies (categories, accessibility features) entries pick from.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::decode::{Cx, Fields, checked, flag, list, number, one_of, scalar, text};
use crate::diagnostics::Severity;
use crate::fields::{Field, Need, Shape};
use crate::formats::{self, problem};
use crate::yaml::{Node, Pos};

pub const DEFAULT_REVIEW_INTERVAL_DAYS: u32 = 180;

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub title: String,
    pub region: String,
    pub base_url: String,
    pub language: String,
    pub contact_email: String,
    pub review_interval_days: u32,
    /// When set, activities overdue for review by more than this many days
    /// are left out of the built site until someone checks them.
    pub hide_overdue_after_days: Option<u32>,
    pub theme: String,
    pub categories: Vec<Category>,
    pub accessibility_features: Vec<Feature>,
    /// Who activities are for (carers, dementia, young people…).
    pub audiences: Vec<Feature>,
    /// Languages activities are held in, British Sign Language among them.
    pub languages: Vec<Feature>,
    pub search: SearchSettings,
    /// How people reach a social prescribing link worker, offered when a
    /// search finds nothing.
    pub link_workers: Option<LinkWorkers>,
    pub open_referral: OpenReferral,
    /// Which of the other exports the build writes.
    pub exports: Exports,
    /// The licence the directory's own data is published under.
    pub data_licence: Option<DataLicence>,
    /// Where the content lives in a forge, for "Report a problem" and
    /// "Update this listing" links.
    pub repository: Option<Repository>,
    /// What the "Need help now?" block says.
    pub urgent_help: UrgentHelp,
}

/// `urgent_help:` in site.yaml: the block on the home page and on the
/// pages of the categories marked `urgent_help: true`. A directory is not
/// an emergency service, and anxious visitors should not have to guess.
#[derive(Debug, Clone, Serialize)]
pub struct UrgentHelp {
    pub heading: String,
    /// Markdown.
    pub text: String,
}

/// The block's heading unless site.yaml says otherwise.
pub const URGENT_HEADING: &str = "Need help now?";

/// The block's text unless site.yaml says otherwise: the numbers for
/// England.
pub const URGENT_TEXT: &str = "This directory is not an emergency service.

- If someone's life is at risk, call [999](tel:999).
- If you need medical help fast, or urgent help with your mental health, call [111](tel:111) or go to [111.nhs.uk](https://111.nhs.uk/).
- To talk to someone about how you feel, call Samaritans free on [116 123](tel:116123), day or night.
";

impl Default for UrgentHelp {
    fn default() -> UrgentHelp {
        UrgentHelp {
            heading: URGENT_HEADING.into(),
            text: URGENT_TEXT.into(),
        }
    }
}

/// `repository:` in site.yaml.
#[derive(Debug, Clone, Serialize)]
pub struct Repository {
    /// The repository's web address, like `https://github.com/org/repo`.
    pub url: String,
    pub branch: String,
    pub forge: Forge,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Forge {
    GitHub,
    GitLab,
}

const FORGES: &[(&str, Forge)] = &[("github", Forge::GitHub), ("gitlab", Forge::GitLab)];

impl Repository {
    /// A link to edit `file` (relative to the site's folder) in the
    /// forge's web editor.
    pub fn edit_link(&self, file: &str) -> String {
        match self.forge {
            Forge::GitHub => format!("{}/edit/{}/{file}", self.url, self.branch),
            Forge::GitLab => format!("{}/-/edit/{}/{file}", self.url, self.branch),
        }
    }

    /// A link to a new issue with `title` and `body` filled in.
    pub fn new_issue_link(&self, title: &str, body: &str) -> String {
        let (t, b) = (query(title), query(body));
        match self.forge {
            Forge::GitHub => format!("{}/issues/new?title={t}&body={b}", self.url),
            Forge::GitLab => format!(
                "{}/-/issues/new?issue%5Btitle%5D={t}&issue%5Bdescription%5D={b}",
                self.url
            ),
        }
    }
}

/// Text for a URL's query string.
pub fn query(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// `data_licence:` in site.yaml.
#[derive(Debug, Clone, Serialize)]
pub struct DataLicence {
    pub name: String,
    pub url: Option<String>,
}

/// `open_referral:` in site.yaml: the static Open Referral UK feed.
#[derive(Debug, Clone, Serialize)]
pub struct OpenReferral {
    pub publish: bool,
    /// The folder under the site, like `openreferral/`.
    pub path: String,
}

impl Default for OpenReferral {
    fn default() -> OpenReferral {
        OpenReferral {
            publish: true,
            path: "openreferral/".into(),
        }
    }
}

/// `exports:` in site.yaml: the exports besides the Open Referral feed,
/// each written unless turned off (a directory whose data may not be
/// reused in bulk, say, publishes no spreadsheet).
#[derive(Debug, Clone, Serialize)]
pub struct Exports {
    /// Calendar files, and the pages' links to them.
    pub calendars: bool,
    /// `data/activities.csv` and `data/activities.json`.
    pub spreadsheets: bool,
    /// schema.org JSON-LD in the pages.
    pub structured_data: bool,
}

impl Default for Exports {
    fn default() -> Exports {
        Exports {
            calendars: true,
            spreadsheets: true,
            structured_data: true,
        }
    }
}

/// `search:` in site.yaml.
#[derive(Debug, Clone, Serialize)]
pub struct SearchSettings {
    /// Groups of words or phrases that mean the same, as written; added to
    /// the shipped groups unless `default_synonyms` is false.
    pub synonyms: Vec<Vec<String>>,
    pub default_synonyms: bool,
}

impl Default for SearchSettings {
    fn default() -> SearchSettings {
        SearchSettings {
            synonyms: Vec::new(),
            default_synonyms: true,
        }
    }
}

/// `link_workers:` in site.yaml: at least one way to reach them.
#[derive(Debug, Clone, Serialize)]
pub struct LinkWorkers {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub details: Option<String>,
}

/// A category term (ORUK taxonomy_term).
#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: String,
    pub label: String,
    pub description: String,
    /// Its pages show the "Need help now?" block.
    pub urgent_help: bool,
}

/// An accessibility feature term (ORUK accessibility).
#[derive(Debug, Clone, Serialize)]
pub struct Feature {
    pub id: String,
    pub label: String,
}

const TITLE: Field = Field::new("title", Need::Required, Shape::Text, "the site's title")
    .example("Northamptonshire Social Prescribing Directory");
const REGION: Field = Field::new(
    "region",
    Need::Required,
    Shape::Text,
    "the region the directory covers",
)
.example("Northamptonshire");
const BASE_URL: Field = Field::new(
    "base_url",
    Need::Required,
    Shape::Web,
    "where the site is published, `https://…/`",
)
.example("https://directory.example.org/");
const LANGUAGE: Field = Field::new(
    "language",
    Need::Default("`en-GB`"),
    Shape::Text,
    "the pages' language tag",
);
const CONTACT_EMAIL: Field = Field::new(
    "contact_email",
    Need::Required,
    Shape::Email,
    "who runs the directory",
)
.example("directory@example.org");
const REVIEW_INTERVAL_DAYS: Field = Field::new(
    "review_interval_days",
    Need::Default("180"),
    Shape::Whole(1, 3650),
    "how long an entry stays fresh after `last_reviewed`",
);
const HIDE_OVERDUE_AFTER_DAYS: Field = Field::new(
    "hide_overdue_after_days",
    Need::Default("never"),
    Shape::Whole(0, 3650),
    "leave activities out of the built site once their review is overdue by more than this many days",
);
const THEME: Field = Field::new(
    "theme",
    Need::Default("`default`"),
    Shape::Text,
    "the theme folder under `themes/`",
);
const CATEGORIES: Field = Field::new(
    "categories",
    Need::Required,
    Shape::List(&Shape::Group(CATEGORY)),
    "list of `{id, label, description, urgent_help}`",
)
.oruk("taxonomy_term");
const ACCESSIBILITY_FEATURES: Field = Field::new(
    "accessibility_features",
    Need::Required,
    Shape::List(&Shape::Group(FEATURE)),
    "list of `{id, label}`",
)
.oruk("accessibility");
const AUDIENCES: Field = Field::new(
    "audiences",
    Need::Optional,
    Shape::List(&Shape::Group(FEATURE)),
    "list of `{id, label}`: who activities are for (carers, dementia, young people…)",
)
.oruk("eligibility");
const LANGUAGES: Field = Field::new(
    "languages",
    Need::Optional,
    Shape::List(&Shape::Group(FEATURE)),
    "list of `{id, label}`: languages activities are held in, such as British Sign Language",
)
.oruk("language");
const SEARCH: Field = Field::new(
    "search",
    Need::Optional,
    Shape::Group(SEARCH_FIELDS),
    "`{synonyms, default_synonyms}`: words that search treats as the same",
);
const SYNONYMS: Field = Field::new(
    "synonyms",
    Need::Optional,
    Shape::List(&Shape::List(&Shape::Text)),
    "groups of words or phrases that mean the same, like `[lonely, loneliness, isolation]`; added to the groups Signpost ships",
)
.example("[[lonely, loneliness, isolation], [foodbank, food bank, food parcel]]");
const DEFAULT_SYNONYMS: Field = Field::new(
    "default_synonyms",
    Need::Default("`true`"),
    Shape::Flag,
    "`false` to use only this site's own groups",
);
const SEARCH_FIELDS: &[Field] = &[SYNONYMS, DEFAULT_SYNONYMS];
const LINK_WORKERS: Field = Field::new(
    "link_workers",
    Need::Optional,
    Shape::Group(LINK_WORKER_FIELDS),
    "`{phone, email, details}`: how people reach a social prescribing link worker, offered when a search finds nothing",
);
const LW_PHONE: Field =
    Field::new("phone", Need::Optional, Shape::Phone, "a phone number").example("01604 000000");
const LW_EMAIL: Field = Field::new("email", Need::Optional, Shape::Email, "an email address");
const LW_DETAILS: Field = Field::new(
    "details",
    Need::Optional,
    Shape::Text,
    "anything else, like \"Ask at your GP practice's reception\"",
);
const LINK_WORKER_FIELDS: &[Field] = &[LW_PHONE, LW_EMAIL, LW_DETAILS];
const OPEN_REFERRAL: Field = Field::new(
    "open_referral",
    Need::Optional,
    Shape::Group(OPEN_REFERRAL_FIELDS),
    "`{publish, path}`: the Open Referral UK feed the build writes (docs/open-data.md)",
);
const OR_PUBLISH: Field = Field::new(
    "publish",
    Need::Default("`true`"),
    Shape::Flag,
    "`false` to write no feed",
);
const OR_PATH: Field = Field::new(
    "path",
    Need::Default("`openreferral`"),
    Shape::Pattern("^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*/?$"),
    "the folder of the feed under the site, lowercase letters, digits and dashes",
)
.example("openreferral");
const OPEN_REFERRAL_FIELDS: &[Field] = &[OR_PUBLISH, OR_PATH];
const EXPORTS: Field = Field::new(
    "exports",
    Need::Optional,
    Shape::Group(EXPORTS_FIELDS),
    "`{calendars, spreadsheets, structured_data}`: `false` for any the build should not write (docs/open-data.md)",
);
const EX_CALENDARS: Field = Field::new(
    "calendars",
    Need::Default("`true`"),
    Shape::Flag,
    "`false` to write no calendar files and no \"Add to calendar\" links",
);
const EX_SPREADSHEETS: Field = Field::new(
    "spreadsheets",
    Need::Default("`true`"),
    Shape::Flag,
    "`false` to write no `data/activities.csv` or `data/activities.json`",
);
const EX_STRUCTURED_DATA: Field = Field::new(
    "structured_data",
    Need::Default("`true`"),
    Shape::Flag,
    "`false` to put no schema.org JSON-LD in the pages",
);
const EXPORTS_FIELDS: &[Field] = &[EX_CALENDARS, EX_SPREADSHEETS, EX_STRUCTURED_DATA];
const URGENT_HELP: Field = Field::new(
    "urgent_help",
    Need::Optional,
    Shape::Group(URGENT_HELP_FIELDS),
    "`{heading, text}`: the \"Need help now?\" block on the home page and on the pages of categories with `urgent_help: true`; without it, the block gives 999, NHS 111 and Samaritans",
);
const UH_HEADING: Field = Field::new(
    "heading",
    Need::Default("\"Need help now?\""),
    Shape::Text,
    "the block's heading",
);
const UH_TEXT: Field = Field::new(
    "text",
    Need::Required,
    Shape::Markdown,
    "what to do and whom to call, in Markdown; `[111](tel:111)` makes a number ring on a phone",
);
const URGENT_HELP_FIELDS: &[Field] = &[UH_HEADING, UH_TEXT];
const DATA_LICENCE: Field = Field::new(
    "data_licence",
    Need::Optional,
    Shape::Group(DATA_LICENCE_FIELDS),
    "`{name, url}`: the licence the directory's data is published under, named on the \"Reuse this data\" page and in the exports; without it, they say no licence is stated",
);
const DL_NAME: Field = Field::new("name", Need::Required, Shape::Text, "the licence's name")
    .example("Open Government Licence v3.0");
const DL_URL: Field = Field::new("url", Need::Optional, Shape::Web, "where its text is");
const DATA_LICENCE_FIELDS: &[Field] = &[DL_NAME, DL_URL];
const REPOSITORY: Field = Field::new(
    "repository",
    Need::Optional,
    Shape::Group(REPOSITORY_FIELDS),
    "`{url, branch, forge}`: the content's repository on GitHub or GitLab; with it, pages link to a new issue to report a problem and to the web editor to update a listing, and without it, problems are reported by email to `contact_email`",
);
const REPO_URL: Field = Field::new(
    "url",
    Need::Required,
    Shape::Web,
    "the repository's web address",
)
.example("https://github.com/example/directory");
const REPO_BRANCH: Field = Field::new(
    "branch",
    Need::Default("`main`"),
    Shape::Text,
    "the branch the site is built from",
);
const REPO_FORGE: Field = Field::new(
    "forge",
    Need::When("when the address is not on github.com or gitlab.com"),
    Shape::Choice(forge_names),
    "`github` or `gitlab`",
);
const REPOSITORY_FIELDS: &[Field] = &[REPO_URL, REPO_BRANCH, REPO_FORGE];

fn forge_names() -> Vec<&'static str> {
    FORGES.iter().map(|(n, _)| *n).collect()
}

/// The fields of `site.yaml`.
pub const FIELDS: &[Field] = &[
    TITLE,
    REGION,
    BASE_URL,
    LANGUAGE,
    CONTACT_EMAIL,
    REVIEW_INTERVAL_DAYS,
    HIDE_OVERDUE_AFTER_DAYS,
    THEME,
    CATEGORIES,
    ACCESSIBILITY_FEATURES,
    AUDIENCES,
    LANGUAGES,
    SEARCH,
    LINK_WORKERS,
    OPEN_REFERRAL,
    EXPORTS,
    DATA_LICENCE,
    REPOSITORY,
    URGENT_HELP,
];

const TERM_ID: Field = Field::new(
    "id",
    Need::Required,
    Shape::Text,
    "the id entries use: lowercase letters, digits and dashes",
)
.example("physical-activity");
const TERM_LABEL: Field = Field::new("label", Need::Required, Shape::Text, "its name on the site")
    .example("Physical activity");
const FEATURE_LABEL: Field = TERM_LABEL.example("Step-free access");
const TERM_DESCRIPTION: Field = Field::new(
    "description",
    Need::Optional,
    Shape::Text,
    "a sentence saying what it covers",
)
.example("Walking, dance and other ways to get moving");
const CATEGORY_URGENT: Field = Field::new(
    "urgent_help",
    Need::Default("`false`"),
    Shape::Flag,
    "`true` to show the \"Need help now?\" block (`urgent_help:` below) on its pages, as for mental wellbeing",
);
const CATEGORY: &[Field] = &[TERM_ID, TERM_LABEL, TERM_DESCRIPTION, CATEGORY_URGENT];
const FEATURE_ID: Field = TERM_ID.example("step-free-access");
const FEATURE: &[Field] = &[FEATURE_ID, FEATURE_LABEL];

impl Site {
    pub fn decode(cx: &mut Cx, node: &Node) -> Option<Site> {
        let mut f = Fields::of(cx, node, "site.yaml")?;
        let title = f.read(cx, &TITLE, text);
        let region = f.read(cx, &REGION, text);
        let base_url = f.read(cx, &BASE_URL, checked(formats::web_address));
        let language = f.read(cx, &LANGUAGE, checked(language_tag));
        let contact_email = f.read(cx, &CONTACT_EMAIL, checked(formats::email));
        let review = f.read(cx, &REVIEW_INTERVAL_DAYS, number(1.0..=3650.0, true));
        let hide = f.read(cx, &HIDE_OVERDUE_AFTER_DAYS, number(0.0..=3650.0, true));
        let theme = f.read(cx, &THEME, checked(theme_name));
        let categories = f.read(cx, &CATEGORIES, list(category));
        let features = f.read(cx, &ACCESSIBILITY_FEATURES, list(feature));
        let audiences = f.read(cx, &AUDIENCES, list(feature)).unwrap_or_default();
        let languages = f.read(cx, &LANGUAGES, list(feature)).unwrap_or_default();
        let search = f.read(cx, &SEARCH, search_settings).unwrap_or_default();
        let link_workers = f.read(cx, &LINK_WORKERS, link_workers);
        let data_licence = f.read(cx, &DATA_LICENCE, data_licence);
        let repository = f.read(cx, &REPOSITORY, repository);
        let urgent_help = f.read(cx, &URGENT_HELP, urgent_help).unwrap_or_default();
        let open_referral = f
            .read(cx, &OPEN_REFERRAL, open_referral)
            .unwrap_or_default();
        let exports = f.read(cx, &EXPORTS, exports).unwrap_or_default();
        let (categories_at, features_at) =
            (f.pos_of("categories"), f.pos_of("accessibility_features"));
        f.finish(cx);
        if let Some(categories) = &categories {
            unique_ids(
                cx,
                categories_at,
                "categories",
                categories.iter().map(|c| &c.id),
            );
        }
        if let Some(features) = &features {
            unique_ids(
                cx,
                features_at,
                "accessibility_features",
                features.iter().map(|c| &c.id),
            );
        }
        Some(Site {
            title: title?,
            region: region?,
            base_url: base_url?,
            language: language.unwrap_or_else(|| "en-GB".into()),
            contact_email: contact_email?,
            review_interval_days: review.map_or(DEFAULT_REVIEW_INTERVAL_DAYS, |n| n as u32),
            hide_overdue_after_days: hide.map(|n| n as u32),
            theme: theme.unwrap_or_else(|| "default".into()),
            categories: categories?,
            accessibility_features: features?,
            audiences,
            languages,
            search,
            link_workers,
            open_referral,
            exports,
            data_licence,
            repository,
            urgent_help,
        })
    }

    /// When an entry last reviewed on `last` is next due for review.
    pub fn review_due(&self, last: chrono::NaiveDate) -> chrono::NaiveDate {
        crate::schedule::days_after(last, self.review_interval_days)
    }

    pub fn category_ids(&self) -> BTreeSet<String> {
        self.categories.iter().map(|c| c.id.clone()).collect()
    }

    pub fn audience_ids(&self) -> BTreeSet<String> {
        self.audiences.iter().map(|c| c.id.clone()).collect()
    }

    pub fn language_ids(&self) -> BTreeSet<String> {
        self.languages.iter().map(|c| c.id.clone()).collect()
    }

    pub fn feature_ids(&self) -> BTreeSet<String> {
        self.accessibility_features
            .iter()
            .map(|c| c.id.clone())
            .collect()
    }
}

fn vocabulary_id(cx: &mut Cx, node: &Node) -> Option<String> {
    let s = scalar(cx, node)?.trim();
    let slug = slug::slugify(s);
    if slug == s && !s.is_empty() {
        return Some(slug);
    }
    cx.error(
        node,
        problem(
            format!("\"{s}\" is not a valid id"),
            format!("Ids are lowercase words joined by hyphens, like \"{slug}\"."),
        ),
    );
    None
}

fn category(cx: &mut Cx, node: &Node) -> Option<Category> {
    let mut f = Fields::of(cx, node, "a category")?;
    let id = f.read(cx, &TERM_ID, vocabulary_id);
    let label = f.read(cx, &TERM_LABEL, text);
    let description = f.read(cx, &TERM_DESCRIPTION, text);
    let urgent_help = f.read(cx, &CATEGORY_URGENT, flag);
    f.finish(cx);
    // A term with a problem still defines its id (the problem is reported
    // and stops the build), so entries using it are not told it is unknown.
    let id = id?;
    Some(Category {
        label: label.unwrap_or_else(|| id.clone()),
        description: description.unwrap_or_default(),
        urgent_help: urgent_help.unwrap_or(false),
        id,
    })
}

fn feature(cx: &mut Cx, node: &Node) -> Option<Feature> {
    let mut f = Fields::of(cx, node, "an accessibility feature")?;
    let id = f.read(cx, &FEATURE_ID, vocabulary_id);
    let label = f.read(cx, &FEATURE_LABEL, text);
    f.finish(cx);
    let id = id?;
    Some(Feature {
        label: label.unwrap_or_else(|| id.clone()),
        id,
    })
}

fn search_settings(cx: &mut Cx, node: &Node) -> Option<SearchSettings> {
    let mut f = Fields::of(cx, node, "search")?;
    let synonyms = f.read(cx, &SYNONYMS, list(synonym_group));
    let default_synonyms = f.read(cx, &DEFAULT_SYNONYMS, flag);
    f.finish(cx);
    Some(SearchSettings {
        synonyms: synonyms.unwrap_or_default(),
        default_synonyms: default_synonyms.unwrap_or(true),
    })
}

/// Words or phrases of up to this many words can be synonyms.
pub const SYNONYM_WORDS: usize = 4;

fn synonym_group(cx: &mut Cx, node: &Node) -> Option<Vec<String>> {
    let members = list(synonym)(cx, node)?;
    if members.len() < 2 {
        cx.error(
            node,
            problem(
                "a group of synonyms needs at least two words or phrases",
                "List the words that mean the same, like `[lonely, loneliness, isolation]`, or delete the group.",
            ),
        );
        return None;
    }
    Some(members)
}

fn synonym(cx: &mut Cx, node: &Node) -> Option<String> {
    let s = text(cx, node)?;
    let words = s
        .split(|c: char| !c.is_alphanumeric() && !matches!(c, '\'' | '’'))
        .filter(|w| !w.is_empty())
        .count();
    let problem_with = match words {
        0 => Some(format!("\"{s}\" has no letters or digits to search for")),
        n if n > SYNONYM_WORDS => Some(format!(
            "\"{s}\" has {n} words; a synonym is a word or a phrase of up to {SYNONYM_WORDS}"
        )),
        _ => None,
    };
    if let Some(message) = problem_with {
        cx.error(
            node,
            problem(
                message,
                "Write a word or a short phrase that people search for, like `food bank`.",
            ),
        );
        return None;
    }
    Some(s)
}

fn repository(cx: &mut Cx, node: &Node) -> Option<Repository> {
    let mut f = Fields::of(cx, node, "repository")?;
    let url = f.read(cx, &REPO_URL, checked(formats::web_address));
    let branch = f.read(cx, &REPO_BRANCH, text);
    let forge = f.read(cx, &REPO_FORGE, one_of(FORGES));
    let at = f.pos_of("url");
    f.finish(cx);
    let url = url?
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .to_string();
    let host = url::Url::parse(&url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_lowercase));
    let forge = match (forge, host.as_deref()) {
        (Some(forge), _) => forge,
        (None, Some("github.com")) => Forge::GitHub,
        (None, Some("gitlab.com")) => Forge::GitLab,
        (None, _) => {
            cx.report(
                Severity::Error,
                at,
                3,
                problem(
                    format!("Signpost cannot tell which forge {url} is"),
                    "Add `forge: github` or `forge: gitlab` under `repository:`.",
                ),
            );
            return None;
        }
    };
    Some(Repository {
        url,
        branch: branch.unwrap_or_else(|| "main".into()),
        forge,
    })
}

fn urgent_help(cx: &mut Cx, node: &Node) -> Option<UrgentHelp> {
    let mut f = Fields::of(cx, node, "urgent_help")?;
    let heading = f.read(cx, &UH_HEADING, text);
    let body = f.read(cx, &UH_TEXT, text);
    f.finish(cx);
    Some(UrgentHelp {
        heading: heading.unwrap_or_else(|| URGENT_HEADING.into()),
        text: body?,
    })
}

fn data_licence(cx: &mut Cx, node: &Node) -> Option<DataLicence> {
    let mut f = Fields::of(cx, node, "data_licence")?;
    let name = f.read(cx, &DL_NAME, text);
    let url = f.read(cx, &DL_URL, checked(formats::web_address));
    f.finish(cx);
    Some(DataLicence { name: name?, url })
}

fn open_referral(cx: &mut Cx, node: &Node) -> Option<OpenReferral> {
    let mut f = Fields::of(cx, node, "open_referral")?;
    let publish = f.read(cx, &OR_PUBLISH, flag);
    let path = f.read(cx, &OR_PATH, checked(feed_path));
    f.finish(cx);
    let default = OpenReferral::default();
    Some(OpenReferral {
        publish: publish.unwrap_or(default.publish),
        path: path.unwrap_or(default.path),
    })
}

fn exports(cx: &mut Cx, node: &Node) -> Option<Exports> {
    let mut f = Fields::of(cx, node, "exports")?;
    let calendars = f.read(cx, &EX_CALENDARS, flag);
    let spreadsheets = f.read(cx, &EX_SPREADSHEETS, flag);
    let structured_data = f.read(cx, &EX_STRUCTURED_DATA, flag);
    f.finish(cx);
    let on = Exports::default();
    Some(Exports {
        calendars: calendars.unwrap_or(on.calendars),
        spreadsheets: spreadsheets.unwrap_or(on.spreadsheets),
        structured_data: structured_data.unwrap_or(on.structured_data),
    })
}

/// A folder under the site for the feed: `openreferral`, `data/oruk`.
fn feed_path(text: &str) -> formats::Checked<String> {
    let trimmed = text.trim().trim_matches('/');
    let ok = !trimmed.is_empty()
        && trimmed.split('/').all(|part| {
            part.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !part.is_empty()
                && !part.starts_with('-')
        });
    if ok {
        Ok(format!("{trimmed}/"))
    } else {
        Err(problem(
            format!("\"{text}\" is not a folder name Signpost can write the feed to"),
            "Use lowercase letters, digits and dashes, with / between folders, like `openreferral` or `data/openreferral`.",
        ))
    }
}

fn link_workers(cx: &mut Cx, node: &Node) -> Option<LinkWorkers> {
    let mut f = Fields::of(cx, node, "link_workers")?;
    let phone = f.read(cx, &LW_PHONE, checked(formats::uk_phone));
    let email = f.read(cx, &LW_EMAIL, checked(formats::email));
    let details = f.read(cx, &LW_DETAILS, text);
    // A field with a mistake has been reported already.
    if !["phone", "email", "details"].iter().any(|k| f.has(k)) {
        cx.error(
            node,
            problem(
                "`link_workers` needs a way to reach them",
                "Add `phone:`, `email:` or `details:`, or delete `link_workers:`.",
            ),
        );
    }
    f.finish(cx);
    Some(LinkWorkers {
        phone,
        email,
        details,
    })
}

fn unique_ids<'a>(cx: &mut Cx, at: Pos, field: &str, ids: impl Iterator<Item = &'a String>) {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            cx.report(
                Severity::Error,
                at,
                field.len(),
                problem(
                    format!("the id `{id}` appears twice in {field}"),
                    "Give every term its own id, or remove the repeated one.",
                ),
            );
        }
    }
}

fn language_tag(text: &str) -> Result<String, formats::Problem> {
    let ok = !text.is_empty()
        && text.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if ok {
        Ok(text.to_string())
    } else {
        Err(problem(
            format!("\"{text}\" is not a language tag"),
            "Use a language tag like en-GB (English) or cy (Welsh).",
        ))
    }
}

fn theme_name(text: &str) -> Result<String, formats::Problem> {
    formats::id(text).map(|()| text.to_string()).map_err(|_| {
        problem(
            format!("\"{text}\" is not a theme name"),
            "Use the name of a folder in themes/, like default.",
        )
    })
}
