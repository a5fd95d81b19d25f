"""Posts offering crossings, and the posts around them that offer nothing.

An advert gives a destination, a price, a departure place and a number to
call or write on WhatsApp, in the language of the people it targets: Arabic,
English, French, Persian (Dari), Sorani and Kurmanji Kurdish, Turkish.
Arabic and Persian posts write their digits in Arabic-Indic or Persian
numerals as often as not. Other posts are not adverts: a rescue hotline's
reminder, a question from someone who wants to travel, a news item.
"""

from __future__ import annotations

import random

from mare.scenario.phones import ARABIC_DIGITS, PERSIAN_DIGITS

ADVERTS: dict[str, tuple[str, ...]] = {
    "ar": (
        "رحلة إلى {dest} من {place}، قارب كبير وآمن مع ربان خبير. السعر {price} {cur_ar}. "
        "الانطلاق خلال أيام. للتواصل واتساب {phone}",
        "فرصة 🔥 سفر مضمون إلى {dest}، الدفع عند الوصول عن طريق مكتب. السعر {price} {cur_ar}. "
        "اتصل {phone}",
        "متوفر رحلات يومية من {place} إلى {dest}. {price} {cur_ar} فقط. الحجز على {phone}",
    ),
    "en": (
        "Safe trip to {dest} from {place}, big boat with captain. Only {price} {cur}. "
        "Call or WhatsApp {phone}",
        "Guaranteed crossing to {dest} this week. Payment after arrival through office. "
        "{price} {cur}. Contact {phone}",
        "Travel {place} → {dest} 🚤 {price} {cur}, women and children welcome. WhatsApp {phone}",
    ),
    "fr": (
        "Voyage vers {dest} depuis {place}, bateau sécurisé, prix {price} {cur_fr}. "
        "Départ cette semaine. Contact WhatsApp {phone}",
        "Passage garanti pour {dest}, paiement à l'arrivée. {price} {cur_fr}. Appelez le {phone}",
        "Traversée {place} - {dest} ✅ {price} {cur_fr} seulement. Infos au {phone}",
    ),
    "fa": (
        "سفر به {dest} از {place} با قایق، قیمت {price} {cur_fa}، تضمینی. تماس واتساپ {phone}",
        "انتقال مطمئن به {dest}، پرداخت بعد از رسیدن از طریق صراف. {price} {cur_fa}. شماره {phone}",
        "راه {dest} باز است. از {place} حرکت می‌کنیم. قیمت {price} {cur_fa}. {phone}",
    ),
    "ckb": (
        "گەشت بۆ {dest} لە {place}ەوە، بەلەمی باش، نرخ {price} {cur_ckb}. پەیوەندی واتسئاپ {phone}",
        "ڕێگای {dest} کراوەیە، پارە دوای گەیشتن. {price} {cur_ckb}. ژمارە {phone}",
    ),
    "kmr": (
        "Rêwîtiya {dest} ji {place}, bi qeyikeke baş, biha {price} {cur}. WhatsApp {phone}",
        "Riya {dest} vekirî ye, pere piştî gihîştinê. {price} {cur}. Têkilî: {phone}",
    ),
    "tr": (
        "{dest} için güvenli geçiş, {place} çıkışlı, fiyat {price} {cur_tr}. "
        "İletişim WhatsApp {phone}",
        "Garantili yolculuk {dest}. Ödeme varışta. {price} {cur_tr}. Tel {phone}",
    ),
}
OTHER_POSTS: dict[str, tuple[str, ...]] = {
    "ar": (
        "إذا كنت في خطر في البحر اتصل بخط الإنقاذ {hotline}",
        "هل يعرف أحد طريقاً آمناً إلى ألمانيا؟ أرجو المساعدة",
        "غرق قارب قبالة السواحل أمس، الرحمة للضحايا",
    ),
    "en": (
        "In distress at sea? Call the rescue hotline {hotline}, 24/7.",
        "Does anyone know how long the asylum interview takes in Germany?",
        "Another shipwreck reported in the Mediterranean last night.",
    ),
    "fr": (
        "En détresse en mer ? Appelez la ligne d'urgence {hotline}.",
        "Quelqu'un connaît un avocat pour l'asile à Lyon ?",
    ),
    "fa": (
        "اگر در دریا در خطر هستید با شماره نجات {hotline} تماس بگیرید",
        "کسی می‌داند مصاحبه پناهندگی در آلمان چقدر طول می‌کشد؟",
    ),
    "ckb": ("ئەگەر لە دەریادا لە مەترسیدایت پەیوەندی بکە بە {hotline}",),
    "kmr": ("Heke hûn di deryayê de di xeterê de ne, telefonî {hotline} bikin.",),
    "tr": (
        "Denizde tehlikedeyseniz kurtarma hattını arayın: {hotline}",
        "Almanya'da iltica başvurusu ne kadar sürüyor bilen var mı?",
    ),
}
CURRENCY = {
    "EUR": {
        "cur": "EUR",
        "cur_ar": "يورو",
        "cur_fr": "euros",
        "cur_fa": "یورو",
        "cur_ckb": "یۆرۆ",
        "cur_tr": "Euro",
    },
    "USD": {
        "cur": "USD",
        "cur_ar": "دولار",
        "cur_fr": "dollars",
        "cur_fa": "دلار",
        "cur_ckb": "دۆلار",
        "cur_tr": "dolar",
    },
    "GBP": {
        "cur": "GBP",
        "cur_ar": "جنيه",
        "cur_fr": "livres",
        "cur_fa": "پوند",
        "cur_ckb": "پاوەند",
        "cur_tr": "sterlin",
    },
}
DESTINATIONS = {
    "it": {
        "ar": "إيطاليا",
        "en": "Italy",
        "fr": "l'Italie",
        "fa": "ایتالیا",
        "ckb": "ئیتاڵیا",
        "kmr": "Îtalyayê",
        "tr": "İtalya",
    },
    "mt": {
        "ar": "مالطا",
        "en": "Malta",
        "fr": "Malte",
        "fa": "مالت",
        "ckb": "ماڵتا",
        "kmr": "Maltayê",
        "tr": "Malta",
    },
    "gr": {
        "ar": "اليونان",
        "en": "Greece",
        "fr": "la Grèce",
        "fa": "یونان",
        "ckb": "یۆنان",
        "kmr": "Yewnanistanê",
        "tr": "Yunanistan",
    },
    "at": {
        "ar": "النمسا",
        "en": "Austria",
        "fr": "l'Autriche",
        "fa": "اتریش",
        "ckb": "نەمسا",
        "kmr": "Awistiryayê",
        "tr": "Avusturya",
    },
    "de": {
        "ar": "ألمانيا",
        "en": "Germany",
        "fr": "l'Allemagne",
        "fa": "آلمان",
        "ckb": "ئەڵمانیا",
        "kmr": "Almanyayê",
        "tr": "Almanya",
    },
    "gb": {
        "ar": "بريطانيا",
        "en": "the UK",
        "fr": "l'Angleterre",
        "fa": "انگلیس",
        "ckb": "بەریتانیا",
        "kmr": "Îngilîstanê",
        "tr": "İngiltere",
    },
    "es": {
        "ar": "إسبانيا",
        "en": "Spain",
        "fr": "l'Espagne",
        "fa": "اسپانیا",
        "ckb": "ئیسپانیا",
        "kmr": "Spanyayê",
        "tr": "İspanya",
    },
}
# Departure places as posts in Arabic script write them
PLACES = {
    "Zuwara": "زوارة",
    "Sabratha": "صبراتة",
    "Garabulli": "القره بوللي",
    "Tobruk": "طبرق",
    "Zawiya": "الزاوية",
    "Sfax": "صفاقس",
    "Mahdia": "المهدية",
    "Kerkennah": "قرقنة",
    "Monastir": "المنستير",
    "Zarzis": "جرجيس",
    "Nador": "الناظور",
    "Tanger": "طنجة",
    "Larache": "العرائش",
    "Al Hoceïma": "الحسيمة",
    "Tarfaya": "طرفاية",
    "İzmir": "إزمير",
    "Bodrum": "بودروم",
    "Çeşme": "تشيشمة",
    "Ayvalık": "أيفاليك",
    "Didim": "ديديم",
    "Kuşadası": "كوشاداسي",
    "Marmaris": "مرمريس",
    "Edirne": "أدرنة",
    "Thessaloniki": "سالونيك",
    "Dunkerque": "دنكيرك",
    "Gravelines": "غرافلين",
    "Evzoni": "إيفزوني",
    "Wimereux": "ويميرو",
    "Hardelot": "هاردلو",
    "Équihen-Plage": "إيكيان",
    "Calais": "كاليه",
}
PLACES_FA = {
    "İzmir": "ازمیر",
    "Bodrum": "بدروم",
    "Çeşme": "چشمه",
    "Ayvalık": "آیوالیک",
    "Didim": "دیدیم",
    "Kuşadası": "کوشاداسی",
    "Marmaris": "مرمریس",
    "Edirne": "ادرنه",
    "Thessaloniki": "تسالونیکی",
    "Evzoni": "اوزونی",
    "Dunkerque": "دانکرک",
    "Calais": "کاله",
    "Gravelines": "گراولین",
    "Wimereux": "ویمرو",
    "Hardelot": "هاردلو",
    "Équihen-Plage": "اکیهن",
    "Zuwara": "زواره",
    "Sfax": "صفاقس",
}
PLACES_CKB = {
    "Dunkerque": "دانکێرک",
    "Calais": "کالێ",
    "Gravelines": "گراڤلین",
    "Wimereux": "ویمرۆ",
    "Hardelot": "هاردلۆ",
    "Équihen-Plage": "ئیکیهەن",
    "İzmir": "ئیزمیر",
    "Bodrum": "بۆدروم",
    "Thessaloniki": "سالۆنیک",
    "Edirne": "ئەدرنە",
    "Evzoni": "ئێڤزۆنی",
}
# ISO 639-3 and whether followthemoney knows the code (it knows no Kurdish)
LANGUAGES = {
    "ar": ("ara", True),
    "en": ("eng", True),
    "fr": ("fra", True),
    "fa": ("prs", False),
    "ckb": ("ckb", False),
    "kmr": ("kmr", False),
    "tr": ("tur", True),
}


def _digits(r: random.Random, language: str, text: str) -> str:
    if language in ("ar", "ckb") and r.random() < 0.5:
        return text.translate(ARABIC_DIGITS)
    if language == "fa" and r.random() < 0.6:
        return text.translate(PERSIAN_DIGITS)
    return text


def advert(
    r: random.Random, language: str, dest: str, place: str, price: int, currency: str, phone: str
) -> str:
    """The text of an advert; ``phone`` as the post writes it."""
    template = r.choice(ADVERTS[language])
    native = {"ar": PLACES, "fa": PLACES_FA, "ckb": PLACES_CKB}.get(language, {})
    place = native.get(place, place)
    price_text = _digits(r, language, f"{price:,}".replace(",", "." if language == "fr" else ","))
    return template.format(
        dest=DESTINATIONS[dest][language],
        place=place,
        price=price_text,
        phone=_digits(r, language, phone),
        **CURRENCY[currency],
    )


def other_post(r: random.Random, language: str, hotline: str) -> tuple[str, bool]:
    """A post that is no advert, and whether it gives the hotline number."""
    template = r.choice(OTHER_POSTS[language])
    return template.format(hotline=hotline), "{hotline}" in template
