#!/usr/bin/env python3
"""Turn coloured terminal output (SGR escape codes) into a small HTML page that looks like a dark
terminal, for the README's screenshot of a terminal view (scripts/screenshots.sh).

usage: ansi_to_html.py < colored.txt > page.html
"""
import html
import re
import sys

COLORS = {31: "#ff6b6b", 32: "#7ee787", 33: "#e3b341", 34: "#79b8ff", 35: "#d2a8ff", 36: "#56d4dd", 37: "#e6edf3"}


def main():
    text = sys.stdin.read()
    out, state = [], {}
    for part in re.split(r"(\x1b\[[0-9;]*m)", text):
        m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
        if m:
            for code in [int(c) for c in (m.group(1) or "0").split(";") if c]:
                if code == 0:
                    state = {}
                elif code == 1:
                    state["font-weight"] = "bold"
                elif code == 2:
                    state["opacity"] = "0.6"
                elif code == 4:
                    state["text-decoration"] = "underline"
                elif code == 9:
                    state["text-decoration"] = "line-through"
                elif code in COLORS:
                    state["color"] = COLORS[code]
            continue
        if part:
            style = ";".join(f"{k}:{v}" for k, v in sorted(state.items()))
            out.append(f'<span style="{style}">{html.escape(part)}</span>' if style else html.escape(part))
    print('<!DOCTYPE html><meta charset="utf-8"><body style="margin:0;background:#0d1117;color:#e6edf3">'
          '<pre style="margin:0;padding:16px;font:14px/1.35 \'DejaVu Sans Mono\',monospace">'
          + "".join(out) + "</pre></body>")


if __name__ == "__main__":
    main()
