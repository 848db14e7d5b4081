//! Signpost: a static site generator for social prescribing directories.
//!
//! The stages, each a module taking the previous stage's output:
//! `content` loads and validates `content/` into a `Directory` (with
//! `config` for `site.yaml` and `schedule` for when activities happen),
//! reporting problems as `diagnostics`; `render` draws it through a theme's
//! templates (with `export` for sitemaps and feeds); `output` writes the
//! result into a staging folder and swaps it into place.

pub mod config;
pub mod content;
pub mod decode;
pub mod diagnostics;
pub mod export;
pub mod fields;
pub mod formats;
pub mod import;
pub mod init;
pub mod kind;
pub mod markdown;
pub mod output;
pub mod packed;
pub mod places;
pub mod postcodes;
pub mod present;
pub mod render;
pub mod review;
pub mod routes;
pub mod schedule;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site_fs;
pub mod suggest;
pub mod yaml;
