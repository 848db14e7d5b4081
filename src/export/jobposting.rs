//! schema.org `JobPosting` structured data for an open job's page, with
//! Google's required properties (title, description, datePosted,
//! hiringOrganization, jobLocation) and recommended ones (validThrough,
//! employmentType, baseSalary, identifier, directApply, and for remote
//! roles jobLocationType and applicantLocationRequirements).

use serde_json::{Value, json};

use crate::content::Directory;
use crate::content::Kind;
use crate::content::job::{Job, Period};
use crate::markdown::to_html;
use crate::routes::urls::{Urls, path};

pub fn job_posting(dir: &Directory, job: &Job, urls: &Urls) -> Value {
    let (employer, website) = match job.employer_kind {
        Kind::Pcn => (
            dir.pcns.get(&job.employer).map(|p| p.name.clone()),
            dir.pcns.get(&job.employer).and_then(|p| p.website.clone()),
        ),
        _ => (
            dir.organisations.get(&job.employer).map(|o| o.name.clone()),
            dir.organisations
                .get(&job.employer)
                .and_then(|o| o.website.clone()),
        ),
    };
    let employer = employer.unwrap_or_else(|| job.employer.clone());
    let mut organisation = json!({ "@type": "Organization", "name": employer });
    if let Some(site) = website {
        organisation["sameAs"] = json!(site);
    }
    let mut address = json!({
        "@type": "PostalAddress",
        "streetAddress": job.location,
        "addressRegion": dir.site.region,
        "addressCountry": "GB",
    });
    if let Some(postcode) = &job.postcode {
        address["postalCode"] = json!(postcode);
    }
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": to_html(&job.description, 3),
        "datePosted": job.posted.to_string(),
        "validThrough": format!("{}T23:59:59", job.closes),
        "hiringOrganization": organisation,
        "jobLocation": { "@type": "Place", "address": address },
        "employmentType": job.employment_types(),
        "identifier": {
            "@type": "PropertyValue",
            "name": employer,
            "value": job.reference.clone().unwrap_or_else(|| job.id.clone()),
        },
        "directApply": job.how_to_apply.url.is_some(),
        "url": urls.absolute(&path::job(&job.id)),
    });
    if let (Some(period), true) = (
        job.salary.period,
        job.salary.min.is_some() || job.salary.max.is_some(),
    ) {
        let mut value = json!({
            "@type": "QuantitativeValue",
            "unitText": match period {
                Period::Year => "YEAR",
                Period::Month => "MONTH",
                Period::Week => "WEEK",
                Period::Hour => "HOUR",
            },
        });
        match (job.salary.min, job.salary.max) {
            (Some(min), Some(max)) if min != max => {
                value["minValue"] = json!(min);
                value["maxValue"] = json!(max);
            }
            (Some(v), _) | (None, Some(v)) => value["value"] = json!(v),
            (None, None) => {}
        }
        posting["baseSalary"] = json!({
            "@type": "MonetaryAmount",
            "currency": "GBP",
            "value": value,
        });
    }
    if job.remote {
        posting["jobLocationType"] = json!("TELECOMMUTE");
        posting["applicantLocationRequirements"] =
            json!({ "@type": "Country", "name": "United Kingdom" });
    }
    posting
}

/// JSON for a `<script type="application/ld+json">` element: `<`, `>` and
/// `&` escaped, so no text in an entry can close the element.
pub fn script_json(value: &impl serde::Serialize) -> String {
    let text = serde_json::to_string(value).expect("JSON");
    if !text.contains(['<', '>', '&']) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}
