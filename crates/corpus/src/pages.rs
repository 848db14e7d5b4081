//! The free pages every corpus has, written as Markdown with front matter.

use super::markup::field;

pub(super) struct PageText {
    id: &'static str,
    title: &'static str,
    summary: &'static str,
    nav_order: u32,
    body: &'static str,
}

pub(super) const PAGES: [PageText; 3] = [
    PageText {
        id: "about",
        title: "About social prescribing",
        summary: "What social prescribing is, who it is for, and how to get a referral to a link worker.",
        nav_order: 1,
        body: "Not everything that affects your health can be fixed with medicine.
Loneliness, money worries, caring for someone, or simply not having much
to look forward to can all take their toll. **Social prescribing** connects
people with practical and social support in their community, such as a
walking group, a money adviser, a community garden or a choir.

## What is a link worker?

Every GP practice in England is part of a **Primary Care Network (PCN)**, a
group of practices that work together. Most PCNs employ **social
prescribing link workers**: friendly, trained staff who give you time to
talk about what matters to you.

A link worker will:

- listen to what is going on in your life and what you would like to change
- help you find groups, activities and services that suit you
- help with the first step, for example by making a phone call with you
- check in with you over a few weeks or months

## How to get referred

1. **Ask at your GP practice.** Tell the receptionist, your GP or a nurse
   that you would like to see the social prescribing link worker.
2. **Ask another service.** Many local services can refer you too.
3. **Contact your PCN directly.** Look up your GP practice in this
   directory to find its PCN and the link workers' contact details.

If something in the directory is wrong, please email
[directory@example.org](mailto:directory@example.org).
",
    },
    PageText {
        id: "for-organisations",
        title: "For organisations",
        summary: "How voluntary and community groups can be listed in the directory and keep their details up to date.",
        nav_order: 2,
        body: "The directory is free to use and free to be listed in. We list activities
run by voluntary, community, faith and social enterprise organisations,
and by public services, that are open to people referred by a social
prescribing link worker.

## What we need from you

Email [directory@example.org](mailto:directory@example.org) with:

1. your organisation's name, charity or company number (if you have one),
   website and main contact details
2. for each activity: what it is, who it is for, when and where it happens,
   how much it costs and how people can join
3. any accessibility information, such as step-free access or a hearing loop

## Keeping your listing up to date

We ask every organisation to confirm its details **at least every six
months**. Listings that have not been checked for six months are marked
as \"may be out of date\" so that link workers know to check before referring
someone.
",
    },
    PageText {
        id: "accessibility",
        title: "Accessibility statement",
        summary: "How accessible this website is, known problems and how to contact us.",
        nav_order: 3,
        body: "This website is run by the directory team. We want as many people as
possible to be able to use it. For example, that means you should be able to:

- change colours, contrast levels and fonts using browser or device settings
- zoom in up to 400% without the text spilling off the screen
- navigate most of the website using just a keyboard or speech recognition software
- listen to most of the website using a screen reader

## How accessible this website is

The website is made of simple, static pages without complex scripts. Some
entries supplied by community groups may use link text that does not make
sense out of context.

## Feedback and contact information

If you need information on this website in a different format, email
[directory@example.org](mailto:directory@example.org). This website is
partially compliant with the
[Web Content Accessibility Guidelines version 2.2](https://www.w3.org/TR/WCAG22/)
AA standard.
",
    },
];

/// `pages/<id>.md`.
pub(super) fn page(i: usize) -> (String, String) {
    let page = &PAGES[i];
    let mut out = String::from("---\n");
    field(&mut out, "title", page.title);
    field(&mut out, "summary", page.summary);
    field(&mut out, "nav_order", &page.nav_order.to_string());
    out.push_str("---\n");
    out.push_str(page.body);
    (format!("pages/{}.md", page.id), out)
}
