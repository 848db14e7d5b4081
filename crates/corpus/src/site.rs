//! `site.yaml`, with the categories and accessibility features entries may
//! use (the same as the sample region's).

use super::markup::field_in;

pub(super) fn site_yaml() -> String {
    let mut out = String::from(
        "title: Northamptonshire Social Prescribing Directory\n\
         region: Northamptonshire\n\
         base_url: https://example.org/\n\
         language: en-GB\n\
         contact_email: directory@example.org\n\
         review_interval_days: 180\n\
         theme: default\n\ncategories:\n",
    );
    for (id, label, description) in CATEGORIES {
        out.push_str(&format!("  - id: {id}\n"));
        field_in(&mut out, 4, "label", label);
        field_in(&mut out, 4, "description", description);
    }
    out.push_str("\naccessibility_features:\n");
    for (id, label) in FEATURES {
        out.push_str(&format!("  - id: {id}\n"));
        field_in(&mut out, 4, "label", label);
    }
    out
}

/// Id, label and description.
pub(super) const CATEGORIES: &[(&str, &str, &str)] = &[
    (
        "physical-activity",
        "Physical activity",
        "Gentle exercise, walking, dancing and sport at a pace that suits you.",
    ),
    (
        "arts-and-crafts",
        "Arts and crafts",
        "Painting, knitting, pottery, writing and other creative groups where no experience is needed.",
    ),
    (
        "music-and-singing",
        "Music and singing",
        "Choirs, singing for health, music-making and listening groups.",
    ),
    (
        "nature-and-gardening",
        "Nature and gardening",
        "Community gardens, allotments, conservation days and time outdoors.",
    ),
    (
        "social-and-befriending",
        "Social and befriending",
        "Friendly groups, cafés and befriending calls or visits for anyone feeling lonely or isolated.",
    ),
    (
        "mental-wellbeing",
        "Mental wellbeing",
        "Peer support, talking groups and activities that help with low mood, stress and anxiety.",
    ),
    (
        "money-and-benefits",
        "Money and benefits",
        "Free, confidential help with benefits, debt, energy bills and budgeting.",
    ),
    (
        "carers-support",
        "Carers' support",
        "Information, breaks and friendship for people who look after a family member or friend.",
    ),
    (
        "learning-and-skills",
        "Learning and skills",
        "Courses and drop-ins for digital skills, English, confidence and getting back into work.",
    ),
    (
        "food-and-cooking",
        "Food and cooking",
        "Cookery classes, shared meals, food clubs and help with eating well on a budget.",
    ),
    (
        "long-term-conditions",
        "Long-term conditions",
        "Peer support groups for people living with a long-term health condition and those close to them.",
    ),
    (
        "volunteering",
        "Volunteering",
        "Ways to give your time, meet people and learn new skills by helping others.",
    ),
];

/// Id and label.
pub(super) const FEATURES: &[(&str, &str)] = &[
    ("step-free-access", "Step-free access"),
    ("accessible-toilet", "Accessible toilet"),
    ("hearing-loop", "Hearing loop"),
    (
        "bsl-on-request",
        "British Sign Language interpreter on request",
    ),
    ("large-print", "Large-print materials"),
    ("quiet-space", "Quiet space available"),
    ("parking-nearby", "Parking nearby"),
    ("on-bus-route", "On a bus route"),
    ("dementia-friendly", "Dementia friendly"),
    ("seating-available", "Seating available"),
];
