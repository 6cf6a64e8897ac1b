#!/usr/bin/env python3
"""Rewrites STYLE_HASH and SCRIPT_HASH in src/render/html.rs after an edit to
src/render/html/style.css or script.js (the page's Content-Security-Policy allows only these)."""
import base64, hashlib, pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
rs = root / "src/render/html.rs"
text = rs.read_text()
for const, name in [("STYLE_HASH", "style.css"), ("SCRIPT_HASH", "script.js")]:
    data = (root / "src/render/html" / name).read_bytes()
    h = "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()
    text = re.sub(rf'pub const {const}: &str = "[^"]*";', f'pub const {const}: &str = "{h}";', text)
    print(const, h)
rs.write_text(text)
