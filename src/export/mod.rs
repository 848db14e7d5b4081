//! Files for other services and machines, each a pure function of the
//! directory: sitemaps now; feeds, calendars and Open Referral UK later.

pub mod sitemap;
