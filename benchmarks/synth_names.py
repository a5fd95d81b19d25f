"""The long tail of names for the synthetic population (`synth.py`).

The hand-written pools of `synth.py` hold the common names of each
community, and only those: drawn alone, among a million people thousands of
unrelated pairs share a full name and a birth day, far more than real
registers show, and no matcher can tell them apart. Family names in
particular are spread over thousands of names in every community the hub
sees. This module makes those names the way the languages make them, each
as a group of the spellings partners write (and its native script where
the community writes one):

- Arabic, Persian, Somali and Urdu names from three-consonant roots and the
  patterns names use (``CaCiiC`` Karim, ``maCCuuC`` Mahmud, ``CaCCaaC``
  Haddad, the ``al-…i`` of origin), romanised by each community's habits
  (Persian ``z`` for ض, Somali ``x`` for ح, French ``ou``) and written in
  Arabic script from the same letters;
- Eritrean and Ethiopian compounds (``Gebre`` + ``Medhin``), in Ge'ez too;
- Turkish compounds (``Kara`` + ``oğlu``), with and without the letters
  ASCII lacks;
- Slavic stems with ``-ov``, ``-enko``, ``-chuk``, ``-sky``, in Cyrillic too;
- West African names from syllables, in French and English spellings.

Deterministic: every pool comes from a fixed seed.
"""

from __future__ import annotations

import random
import re
from functools import cache

# -- Arabic script: root letters, their Arabic letter, and romanisations ---------
# (letter, Arabic, Persian/Urdu letter, common romanisations, Persian, Somali)
LETTERS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "b": ("ب", ("b",), ("b",), ("b",)),
    "t": ("ت", ("t",), ("t",), ("t",)),
    "th": ("ث", ("th", "s", "t"), ("s",), ("s",)),
    "j": ("ج", ("j", "g", "dj"), ("j",), ("j",)),
    "H": ("ح", ("h",), ("h",), ("x", "h")),
    "kh": ("خ", ("kh", "h"), ("kh",), ("kh", "h")),
    "d": ("د", ("d",), ("d",), ("d",)),
    "dh": ("ذ", ("dh", "z", "d"), ("z",), ("d",)),
    "r": ("ر", ("r",), ("r",), ("r",)),
    "z": ("ز", ("z",), ("z",), ("s",)),
    "s": ("س", ("s",), ("s",), ("s",)),
    "sh": ("ش", ("sh", "ch"), ("sh",), ("sh",)),
    "S": ("ص", ("s",), ("s",), ("s",)),
    "D": ("ض", ("d", "dh"), ("z",), ("d",)),
    "T": ("ط", ("t",), ("t",), ("t",)),
    "Z": ("ظ", ("z", "dh"), ("z",), ("d",)),
    "gh": ("غ", ("gh",), ("gh",), ("g",)),
    "f": ("ف", ("f",), ("f",), ("f",)),
    "q": ("ق", ("q", "k", "g"), ("gh", "q"), ("q", "k")),
    "k": ("ك", ("k",), ("k",), ("k",)),
    "l": ("ل", ("l",), ("l",), ("l",)),
    "m": ("م", ("m",), ("m",), ("m",)),
    "n": ("ن", ("n",), ("n",), ("n",)),
    "h": ("ه", ("h",), ("h",), ("h",)),
    "w": ("و", ("w",), ("v",), ("w",)),
    "y": ("ي", ("y",), ("y",), ("y",)),
}
ROOT_LETTERS = tuple(LETTERS)
# Vowels: Arabic script letter (long vowels only) and romanisations per habit.
VOWELS: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "a": ("", {"ar": ("a", "e"), "fa": ("a",), "so": ("a",), "ur": ("a",)}),
    "i": ("", {"ar": ("i", "e"), "fa": ("e", "i"), "so": ("i",), "ur": ("i",)}),
    "u": ("", {"ar": ("u", "o", "ou"), "fa": ("o", "u"), "so": ("u",), "ur": ("u",)}),
    "A": ("ا", {"ar": ("a", "aa"), "fa": ("a", "aa"), "so": ("aa", "a"), "ur": ("a", "aa")}),
    "I": ("ي", {"ar": ("i", "ee"), "fa": ("i",), "so": ("ii", "i"), "ur": ("ee", "i")}),
    "U": ("و", {"ar": ("ou", "u", "oo"), "fa": ("u", "oo"), "so": ("uu", "u"), "ur": ("oo", "u")}),
    "Y": ("ي", {"ar": ("ay", "ai", "ei"), "fa": ("ey", "ay"), "so": ("ay",), "ur": ("ai", "ay")}),
}
# Patterns: 1 2 3 are the root letters, "=" doubles the letter before it.
GIVEN_PATTERNS = ("1a2I3", "1a2A3", "1A2i3", "1u2Y3", "ma12U3", "1i2A3", "1a2=A3", "mu1a2=a3")
FAMILY_PATTERNS = ("1a2=A3", "1a2a3", "1a2I3", "1A2i3", "1u2Y3", "ma12U3")
PERSIAN_SUFFIXES = (
    (("zadeh", "zade", "zadah"), "زاده"),
    (("pour", "pur", "poor"), "پور"),
    (("nia", "nya"), "نیا"),
    (("yar", "yaar"), "یار"),
    (("i", "y", "ie"), "ی"),
)


def _root(rng: random.Random) -> tuple[str, str, str]:
    while True:
        a, b, c = (rng.choice(ROOT_LETTERS) for _ in range(3))
        if len({a, b, c}) == 3 and "w" not in (a, c) and "y" not in (a, c):
            return a, b, c


def _pieces(pattern: str, root: tuple[str, str, str]) -> list[str]:
    """The pattern as letters (root letters and vowels), doubling marked by "="."""
    out: list[str] = []
    for ch in pattern:
        if ch in "123":
            out.append(root[int(ch) - 1])
        elif ch == "=":
            out.append("=")
        elif ch in VOWELS:
            out.append(ch)
        else:  # a literal consonant of the pattern (the m of maf'ul)
            out.append(ch)
    return out


def _romanise(pieces: list[str], habit: str, rng: random.Random, plain: bool) -> str:
    column = {"ar": 1, "fa": 2, "so": 3, "ur": 2}[habit]
    text = ""
    last = ""
    for piece in pieces:
        if piece == "=":
            if last and rng.random() < (1.0 if plain else 0.7):
                text += last[-1]
            continue
        options = VOWELS[piece][1][habit] if piece in VOWELS else LETTERS[piece][column]
        last = options[0] if plain else rng.choice(options)
        text += last
    return text


def _arabic(pieces: list[str], persian: bool) -> str:
    text = ""
    for piece in pieces:
        if piece == "=":
            continue
        letter = VOWELS[piece][0] if piece in VOWELS else LETTERS[piece][0]
        text += letter
    if persian:
        text = text.replace("ي", "ی").replace("ك", "ک")
    return text


def _group(spellings: list[str], native: str | None) -> list[str]:
    seen = list(dict.fromkeys(s for s in spellings if s))
    return [*seen, native] if native else seen


def _semitic(habit: str, family: bool, seed: int, size: int) -> list[list[str]]:
    """Names of Arabic roots, romanised by a community's habit."""
    rng = random.Random(seed)
    out: list[list[str]] = []
    seen: set[str] = set()
    patterns = FAMILY_PATTERNS if family else GIVEN_PATTERNS
    while len(out) < size:
        pieces = _pieces(rng.choice(patterns), _root(rng))
        nisba = family and habit in ("ar", "ur") and rng.random() < 0.5
        persian_suffix = family and habit == "fa" and rng.random() < 0.6
        plain = _romanise(pieces, habit, rng, plain=True)
        if plain in seen:
            continue
        seen.add(plain)
        latin = [plain] + [_romanise(pieces, habit, rng, plain=False) for _ in range(3)]
        script = habit in ("ar", "fa", "ur")
        native = _arabic(pieces, persian=habit in ("fa", "ur")) if script else None
        latin = [s[0].upper() + s[1:] for s in latin]
        if nisba:
            ending = rng.choice(("i", "y", "i"))
            latin = [
                (rng.choice(("Al-", "El-", "Al ", "", "")) if k else "")
                + s
                + (ending if k else "i")
                for k, s in enumerate(latin)
            ]
            native = "ال" + native + "ي" if native else None
        if persian_suffix:
            suffixes, written = rng.choice(PERSIAN_SUFFIXES)
            latin = [s + (rng.choice(suffixes) if k else suffixes[0]) for k, s in enumerate(latin)]
            native = native + written if native else None
        out.append(_group(latin, native))
    return out


# -- compounds -------------------------------------------------------------------
ERITREAN_FIRST = (
    (("Gebre", "Ghebre", "Gebri"), "ገብረ"),
    (("Tesfa", "Tesfe"), "ተስፋ"),
    (("Haile", "Hayle"), "ሃይለ"),
    (("Wolde", "Welde", "Woldu"), "ወልደ"),
    (("Kidane", "Kidan"), "ኪዳነ"),
    (("Habte", "Habta"), "ሃብተ"),
    (("Berhe", "Birhe"), "ብርሃ"),
    (("Zere", "Zeri"), "ዘረ"),
    (("Fikre", "Fikri"), "ፍቕረ"),
    (("Tekle", "Tecle"), "ተኽለ"),
    (("Abra", "Abreha"), "ኣብራ"),
    (("Mebrah", "Mebrahtu"), "መብራ"),
)
ERITREAN_SECOND = (
    (("mariam", "maryam"), "ማርያም"),
    (("medhin", "medhen"), "መድህን"),
    (("michael", "mikael", "mikail"), "ሚካኤል"),
    (("selassie", "sellassie", "silassie"), "ሥላሴ"),
    (("giorgis", "giyorgis"), "ጊዮርጊስ"),
    (("yesus", "iyesus"), "የሱስ"),
    (("kristos", "christos"), "ክርስቶስ"),
    (("hiwet", "hiwot"), "ሕይወት"),
    (("egziabher", "egzier"), "እግዚአብሔር"),
    (("ab", "aab"), "ኣብ"),
    (("tsion", "zion"), "ጽዮን"),
    (("amlak", "amlaq"), "ኣምላኽ"),
    (("gabriel", "gebriel"), "ገብርኤል"),
    (("tinsae", "tensae"), "ትንሳኤ"),
    (("slasie", "selasie"), "ስላሴ"),
    (("yohannes", "yohanes"), "ዮሃንስ"),
)
TURKISH_FIRST = (
    ("Kara", "Kara"), ("Ak", "Ak"), ("Öz", "Oz"), ("Yıldız", "Yildiz"), ("Demir", "Demir"),
    ("Çelik", "Celik"), ("Gül", "Gul"), ("Er", "Er"), ("Uçar", "Ucar"), ("Tekin", "Tekin"),
    ("Güneş", "Gunes"), ("Aslan", "Arslan"), ("Kurt", "Kurt"), ("Doğan", "Dogan"),
    ("Şen", "Sen"), ("Koç", "Koc"), ("Bulut", "Bulut"), ("Yücel", "Yucel"), ("Tan", "Tan"),
    ("Ay", "Ay"), ("Gök", "Gok"), ("Taş", "Tas"), ("Çakır", "Cakir"), ("Kılıç", "Kilic"),
    ("Ateş", "Ates"), ("Bozkurt", "Bozkurt"), ("Erdem", "Erdem"), ("Altın", "Altin"),
)  # fmt: skip
TURKISH_SECOND = (
    ("oğlu", "oglu", "ogly"), ("can", "dzhan"), ("er", "err"), ("han", "khan"),
    ("kan", "khan"), ("soy", "soi"), ("türk", "turk", "tuerk"), ("kaya", "kaja"),
    ("taş", "tas", "tash"), ("dağ", "dag"), ("el", "ell"), ("bey", "bei"), ("yurt", "jurt"),
    ("tepe", "tepe"), ("göz", "goz"), ("alp", "alp"), ("men", "man"),
)  # fmt: skip
SLAVIC_STEMS = (
    "Bel", "Chern", "Vol", "Gor", "Kar", "Kras", "Lis", "Mal", "Med", "Nov", "Orl",
    "Pavl", "Rom", "Sok", "Tar", "Zhuk", "Zay", "Kozl", "Mor", "Dub", "Kov", "Step",
    "Gus", "Luk", "Bogd", "Mart", "Fed", "Grig", "Semen", "Yakovl", "Makar", "Tit",
    "Kirill", "Lebed", "Kuzm", "Vasil", "Zakhar", "Nikit", "Saven", "Shcherb", "Bondar",
    "Kravch", "Tkach", "Melnik", "Shvets", "Rud", "Bur", "Gol", "Kul", "Sav", "Ton",
    "Rybal", "Koval", "Moroz", "Klim", "Osip", "Prokh", "Yerem", "Zinov", "Dem",
)  # fmt: skip
SLAVIC_SUFFIXES = ("ov", "enko", "chuk", "sky", "in", "ovich", "ak", "ko")
CYRILLIC = (
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("yu", "ю"), ("ya", "я"), ("ye", "е"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"),
    ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "й"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("f", "ф"),
)  # fmt: skip
GERMAN_SLAVIC = (("shch", "schtsch"), ("zh", "sch"), ("kh", "ch"), ("ch", "tsch"),
                 ("sh", "sch"), ("v", "w"), ("y", "j"))  # fmt: skip
WEST_AFRICAN_SYLLABLES = (
    "ba", "bi", "bo", "da", "di", "do", "fa", "fo", "ka", "ke", "ki", "ko", "ku", "la",
    "li", "lo", "ma", "mi", "mo", "mu", "na", "ni", "no", "sa", "se", "si", "so", "ta",
    "ti", "to", "ya", "wa", "ga", "go", "dia", "dja", "kou", "sou", "tou", "gou", "ndi",
    "mba", "nda", "nke", "nyi", "ra", "re", "fi", "ke", "be", "ja", "jo", "sy", "ne",
)  # fmt: skip


def _cyrillic(text: str) -> str:
    lower = text.lower()
    out = ""
    while lower:
        for latin, letter in CYRILLIC:
            if lower.startswith(latin):
                if letter == "й" and out and out[-1] not in "аеиоуюяэ":
                    letter = "ы"  # y after a consonant is a vowel
                out += letter
                lower = lower[len(latin) :]
                break
        else:
            lower = lower[1:]
    return out[0].upper() + out[1:]


def _slavic(size: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    out: list[list[str]] = []
    seen: set[str] = set()
    while len(out) < size:
        stem, suffix = rng.choice(SLAVIC_STEMS), rng.choice(SLAVIC_SUFFIXES)
        vowel = rng.choice(("", "a", "o", "e", "i")) if suffix in ("ov", "in", "ko") else ""
        plain = stem + vowel + suffix
        if plain in seen:
            continue
        seen.add(plain)
        spellings = [plain]
        german = plain.lower()
        for latin, other in GERMAN_SLAVIC:
            if latin == "y":
                german = re.sub(r"(?<![aeiou])y", "i", german).replace("y", "j")
            else:
                german = german.replace(latin, other)
        spellings.append(german.capitalize())
        spellings.append(plain.replace("ov", "off").replace("sky", "skiy"))
        spellings.append(plain.replace("sky", "ski").replace("kh", "h"))
        out.append(_group(spellings, _cyrillic(plain.replace("sky", "skiy"))))
    return out


def _eritrean(size: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    combos = [(a, b) for a in ERITREAN_FIRST for b in ERITREAN_SECOND]
    rng.shuffle(combos)
    out = []
    for (firsts, first_native), (seconds, second_native) in combos[:size]:
        spellings = [firsts[0] + seconds[0]]
        for _ in range(3):
            first, second = rng.choice(firsts), rng.choice(seconds)
            joiner = rng.choice(("", "", " "))
            spellings.append(first + joiner + (second.capitalize() if joiner else second))
        out.append(_group(spellings, first_native + second_native))
    return out


def _turkish(size: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    combos = [(a, b) for a in TURKISH_FIRST for b in TURKISH_SECOND]
    rng.shuffle(combos)
    out = []
    for (first, first_ascii), seconds in combos[:size]:
        spellings = [first + seconds[0], first_ascii + seconds[1 % len(seconds)]]
        spellings += [first_ascii + rng.choice(seconds) for _ in range(2)]
        out.append(_group(spellings, None))
    return out


def _west_african(size: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    out: list[list[str]] = []
    seen: set[str] = set()
    while len(out) < size:
        word = "".join(rng.choice(WEST_AFRICAN_SYLLABLES) for _ in range(rng.choice((2, 3, 3))))
        if word in seen:
            continue
        seen.add(word)
        english = word.replace("ou", "u").replace("dj", "j").replace("c", "k")
        french = word.replace("u", "ou").replace("oou", "ou").replace("j", "dj")
        french = french.replace("ddj", "dj")
        spellings = [word, english, french, word + word[-1] if word[-1] in "lo" else word + "h"]
        out.append(_group([s.capitalize() for s in spellings], None))
    return out


@cache
def tail(kind: str, family: bool) -> list[list[str]]:
    """The generated names of one naming tradition: family names or given names."""
    seed = sum(map(ord, kind)) * 2 + family
    if kind in ("ar", "fa", "so", "ur"):
        return _semitic(kind, family, seed, 3000 if family else 300)
    if kind == "er":  # family names are a forefather's given name: compounds
        return _eritrean(150 if family else 60, seed)
    if kind == "tr":
        return _turkish(400 if family else 60, seed)
    if kind == "sl":
        return _slavic(400 if family else 60, seed)
    if kind == "wa":
        return _west_african(2000 if family else 300, seed)
    raise ValueError(kind)
