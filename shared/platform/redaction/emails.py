"""E-mail addresses in words and handles, for the thorough pass (steps 4 and 6 of
``shared.platform.redaction.thorough``): the provider named (``anna.ek på gmail``), no top-level
domain, a comma for the dot, letters spaced out; a handle after ``@`` in two parts, of a listed
name, of a name and a town, another name or digits, or after a naming verb; a Reddit user's
(``u/…``); (twelfth round) an address broken at its ``@``, the words for at and dot in other
languages, two levels after the provider; (thirteenth round) ``AT`` and ``DOT`` in capitals, the
words before a spaced-out address joined by a spaced dot."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.platform import redaction as quick
from shared.platform.redaction import people
from shared.platform.redaction.finders import Span, lazy

# -- e-mail in words -----------------------------------------------------------------------------

_PROVIDERS = (
    "gmail|hotmail|outlook|live|yahoo|icloud|telia|bredband|bredband2|spray|msn|protonmail|"
    "proton|comhem|bahnhof|tele2|telenor|passagen|home|me|mail|gmx|aol|yandex|mailbox|"
    # (twelfth round) the providers of the countries residents come from: Poland, Czechia, Russia
    "wp|onet|interia|o2|seznam|rambler|libero|web|"
    # (twelfth round) a provider's name spelled in two words: "g mail", "hot mail", "out look"
    r"g[\s-]mail|hot[\s-]mail|out[\s-]look|i[\s-]cloud"
)
# (twelfth round) the words for "at" and "dot" in the other languages residents write in:
# Arabic (على, نقطة), Persian (نقطه), Finnish (ät, piste), Polish (małpa, kropka), Turkish
# (nokta), BCS (tačka, točka), Swedish (prick)
_AT_WORDS = r"på|hos|at|@|\(at\)|snabel-?a|على|عند|ät|małpa|malpa|majmun"
_DOT_WORDS = r"\.|punkt|dot|prick|نقطة|نقطه|دوت|piste|kropka|nokta|tačka|točka|tacka|tocka"
_LOCAL_PART = r"[\w][\w.+-]*[\w]|[\w]"
_EMAIL_WORDS = lazy(
    rf"(?<![\w.@])(?P<local>{_LOCAL_PART})"
    rf"(?:\s+(?:{_AT_WORDS})\s+|\s*@\s*|\s*[(\[]@[)\]]\s*)"
    rf"(?P<host>(?i:{_PROVIDERS}))"
    # (twelfth round) a second level after the first: "yahoo dot co dot uk"
    rf"(?P<tld>(?:\s*(?:,|{_DOT_WORDS})\s*[a-z]{{2,6}}\b(?:\s*(?:{_DOT_WORDS})\s*[a-z]{{2,3}}\b)?)?)"
    r"(?![\w@])",
)
_EMAIL_PROVIDER_FIRST = lazy(
    rf"(?i:(?<![^\W\d_])min(?:a)?\s+(?:{_PROVIDERS})(?:-?(?:adress|mejl|mail))?(?:\s+är\s+|\s*:\s*))"
    rf"(?P<local>[\w][\w.+-]*[\w])"
)
# a local part that looks like one, with the provider in brackets: "rut.lind (hotmail)"
_EMAIL_PAREN = lazy(
    rf"(?<![\w.@])(?P<local>[\w][\w+-]*[._\d][\w.+-]*[\w])\s*\((?i:{_PROVIDERS})"
    r"(?:\s*(?:\.|punkt|dot)\s*[a-z]{2,6})?\)"
)
_EMAIL_NO_TLD = lazy(
    r"(?<![\w.])[\w][\w.+-]*@[\w-]+(?:[.,]\s?[a-z]{2,6}(?:\.[a-z]{2,6})?)?(?![\w@])"
)  # "stina@telia", "j.smith@yahoo.co.uk"
# (twelfth round) an address broken at its "@" by a dash or a line break, as a wrapped line or a
# slipped key leaves it: "m.rantakyro@ – gmail.com", "lisa.k@-\nhotmail.com" (a top-level domain
# needed)
_EMAIL_BROKEN = lazy(
    r"(?<![\w.])[\w][\w.+-]*[\w](?:\s*-\s*@\s*|\s*@(?:\s*-\s*|\s+))[\w][\w-]*"
    r"\.[a-z]{2,6}(?:\.[a-z]{2,6})?(?![\w@])"
)
_EMAIL_SPACED = lazy(
    r"(?<!\w)(?:\w ){2,}(?:[.@] ?(?:\w ?){2,})+(?:\w)(?!\w)"
)  # p e r . s @ g m a i l . c o m
# an address with spaces around its dots and "@": "sven . olsson @ telia . com"
_EMAIL_SPACED_WORDS = lazy(
    r"(?<![\w.@])\w[\w+-]*(?:\s*\.\s*\w[\w+-]*)*\s+@\s+\w[\w-]*(?:\s*\.\s*[a-z]{2,6})+(?![\w@])"
)
_EMAIL_CUE = lazy(
    r"(?i:mejl|mail|e-post|epost|e-mail|email|adress|svara\s+till|skriv\s+till|kontakta\s+mig|"
    r"nå\s+mig|nås)"
)
# "lukasz punkt h snabel-a …": words joined by "punkt"/"dot" before an address's local part
_LOCAL_IN_WORDS = lazy(r"(?:[\w]+\s+(?i:punkt|dot)\s+)+$")
# (thirteenth round) the local part's first words before a dot with a space on each side, for an
# address written spaced out ("lisa . nilsson (snabel-a) gmail . com"; not "Hej . lisa@…")
_LOCAL_SPACED = lazy(r"(?:[\w]+\s+\.\s+)+$")


# (thirteenth round) "at" and "dot" in capitals among lower-case letters, glued or spaced, as a
# writer hides an address from a machine: "kallebergATgmailDOTcom", "k.berg AT telia DOT se"
# (any domain: the capitals say what they stand for)
_EMAIL_CAPITALS = lazy(
    r"(?<![\w.])[a-z0-9][a-z0-9._+-]*\s*[(\[]?AT[)\]]?\s*[a-z0-9][a-z0-9-]*"
    r"(?:\s*[(\[]?DOT[)\]]?\s*[a-z0-9-]+)*\s*[(\[]?DOT[)\]]?\s*[a-z]{2,6}(?![\w])"
)


def _word_emails(text: str) -> Iterator[Span]:
    if "AT" in text and "DOT" in text:
        for match in _EMAIL_CAPITALS.finditer(text):
            yield match.start(), match.end(), quick.EMAIL_MARK
    for match in _EMAIL_WORDS.finditer(text):
        local = match.group("local")
        # "jag på gmail" is not an address: with "på"/"hos" the local part must look like one
        # (a dot, a digit, an underscore), or a mail word or a top-level domain must be near
        cue = _EMAIL_CUE.search(text, max(0, match.start() - 40), match.start())
        joint = text[match.end("local") : match.start("host")].strip().casefold()
        strong = joint not in ("på", "hos") or bool(match.group("tld"))
        # "per punkt olsson hos yahoo": a local part in words is one
        spelled = _LOCAL_IN_WORDS.search(text, max(0, match.start() - 60), match.start())
        if strong or re.search(r"[._\d+-]", local) or cue or spelled:
            yield match.start(), match.end(), quick.EMAIL_MARK
    if "(" in text:
        for match in _EMAIL_PAREN.finditer(text):
            yield match.start(), match.end(), quick.EMAIL_MARK
    for match in _EMAIL_PROVIDER_FIRST.finditer(text):
        yield match.start("local"), match.end("local"), quick.EMAIL_MARK
    if "@" in text:
        for match in _EMAIL_NO_TLD.finditer(text):
            yield match.start(), match.end(), quick.EMAIL_MARK
        for match in _EMAIL_BROKEN.finditer(text):
            yield match.start(), match.end(), quick.EMAIL_MARK
        for match in _EMAIL_SPACED_WORDS.finditer(text):
            yield match.start(), match.end(), quick.EMAIL_MARK
        for match in _EMAIL_SPACED.finditer(text):
            if "@" in match.group():
                yield match.start(), match.end(), quick.EMAIL_MARK


# (seventh round) a handle after "@" that is no e-mail address's domain: "@amanda.sjolund",
# "@lisa_nordin" (a name in parts), "@amanda" (a listed name alone); not "@vasterasstad"
_HANDLE_NAMED = lazy(
    r"(?i:(?<![^\W\d_])(?:kallar\s+(?:sig|hon|han|hen|honom|henne)|heter|hette|"
    r"användarnamn|användarnamnet|calls\s+(?:herself|himself)|called|username|handle))"
    r"\s*:?\s*[\"'“”]?$"
)
_MENTION = lazy(r"(?<![\w.@+-])@(?P<h>[^\W\d_][\w]*(?:[._-][\w]+)*)(?![\w@])")


# (eleventh round) a Reddit user's handle: "u/eskilstunabo88" (a subreddit is "r/…")
_REDDIT_USER = lazy(r"(?<![\w/])u/(?P<h>[\w-]{3,20})(?![\w/])")


def _name_first(handle: str) -> bool:
    """(eleventh round) A handle in one part made of a listed given name and a town, another
    name or digits (``lindaeskilstuna``, ``annasvensson``, ``ahmed1987``): a person's, as an
    organisation's seldom is (``eskilstunakommun`` is no Eskil's)."""
    letters = re.match(r"[^\W\d_]+", handle)
    if letters is None:
        return False
    word = letters.group().casefold()
    more = len(handle) > len(word)  # digits or a part after a dot: "ahmed1987", "linus.h"
    for cut in range(3, len(word) + 1):
        if not people.given_name(word[:cut], words=True):
            continue
        rest = word[cut:]
        if (not rest and more) or (
            len(rest) >= 3 and (people.listed(rest) or rest in people.places())
        ):
            return True
    return False


def _mentions(text: str) -> Iterator[Span]:
    if "u/" in text:
        for match in _REDDIT_USER.finditer(text):
            yield match.start("h"), match.end("h"), people.NAME_MARK
    if "@" not in text:
        return
    for match in _MENTION.finditer(text):
        parts = [p for p in re.split(r"[._\-\d]+", match.group("h")) if p]
        if (
            (len(parts) >= 2 and all(len(p) >= 2 for p in parts[:2]))
            or (len(parts) == 1 and people.could_be_name(parts[0]) and people.listed(parts[0]))
            or _name_first(match.group("h"))
            # (ninth round) any handle a person is said to go by: "kallar sig @lindaa.k"
            or _HANDLE_NAMED.search(text, max(0, match.start() - 30), match.start()) is not None
        ):
            yield match.start("h"), match.end("h"), people.NAME_MARK
