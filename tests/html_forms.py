"""Reading the forms of a page the way a browser would: field names and what a browser
would send for them unchanged (hidden values such as the CSRF token, checked boxes, the
selected option)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> values sent
    kinds: dict[str, str] = field(default_factory=dict)  # name -> input type / tag

    def data(self) -> dict[str, str | list[str]]:
        return {name: values if len(values) != 1 else values[0]
                for name, values in self.fields.items()}  # fmt: skip


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            enctype = a.get("enctype", "application/x-www-form-urlencoded")
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower(), enctype))
            return
        if tag == "option" and self._select is not None and self.forms:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self.forms[-1].fields[self._select].append(value)
            return
        if not self.forms or not a.get("name"):
            return
        form, name = self.forms[-1], a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            form.kinds.setdefault(name, kind)
            form.fields.setdefault(name, [])
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields[name].append(a.get("value", "on"))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                form.fields[name].append(a.get("value", ""))
        elif tag == "textarea":
            form.kinds[name] = "textarea"
            form.fields[name] = [""]
            self._textarea = name
        elif tag == "select":
            form.kinds[name] = "select"
            form.fields[name] = []
            self._select, self._first_option = name, None
        elif tag == "button":
            form.kinds.setdefault(name, "button")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self.forms:
            self.forms[-1].fields[self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None and self.forms:
            values = self.forms[-1].fields[self._select]
            if not values and self._first_option is not None:
                values.append(self._first_option)
            self._select = None


def forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms
