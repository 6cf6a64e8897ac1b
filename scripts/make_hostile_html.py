#!/usr/bin/env python3
"""Writes the hostile HTML shapes of issue 18 into a directory, for the timings in
docs/robustness.md and docs/performance.md.

usage: scripts/make_hostile_html.py DIR

  attributes.html  one <p> with 100,000 attributes (1.58 MB)
  deep.html        <div> nested 100,000 deep, with no <html><body> around it (1.10 MB)
  siblings.html    100,000 sibling <p> (6.39 MB)
  deeptext.html    250 nested <div>s around 150,000 words of text (0.9 MB)
"""
import os
import sys

SENTENCE = "Kaspersky Lab signed an agreement with Interpol on Thursday."


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    attrs = " ".join(f'a{i}="v{i}"' for i in range(100_000))
    pages = {
        "attributes.html": f"<html><body><p {attrs}>{SENTENCE}</p></body></html>",
        "deep.html": "<div>" * 100_000 + SENTENCE + "</div>" * 100_000,
        "siblings.html": "<html><body>"
        + "".join(f"<p>Paragraph number {i} says the minister spoke on Monday.</p>" for i in range(100_000))
        + "</body></html>",
    }
    words = ["the", "minister", "said", "talks", "would", "resume", "on", "monday", "in", "capital."]
    text = " ".join(words[i % 10] for i in range(150_000))
    pages["deeptext.html"] = "<html><body>" + "<div>" * 250 + text + "</div>" * 250 + "</body></html>"
    for name, page in pages.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(page)


if __name__ == "__main__":
    main()
