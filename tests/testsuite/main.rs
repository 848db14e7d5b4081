//! The integration tests: one crate (as mdBook's tests/testsuite), so the
//! shared fixtures in `common` compile once. Each module runs the real
//! `signpost` binary, or the library, on fixture sites in temp folders, and
//! asserts what a user would notice.

mod common;

mod build;
mod check;
mod hardening;
mod init;
mod jobs;
mod layers;
mod layout;
mod list;
mod new;
mod opendata;
mod openreferral;
mod output;
mod review;
mod robustness;
mod schema;
mod search;
mod serve;
mod workflow;
