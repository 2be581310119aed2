"""Currency codes and symbols as people write them in amounts (`EUR 1,000`, `€500`, `$12`)."""

from __future__ import annotations

#: Active ISO 4217 codes (and XXX/XTS, "no currency" and "testing").
ISO_CODES = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL
    BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP
    ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR
    IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL
    LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
    NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD
    SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH
    UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL XXX XTS
    """.split()  # noqa: SIM905
)

#: Symbols that name one currency.
SYMBOLS = {
    "US$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₱": "PHP",
    "₫": "VND",
    "฿": "THB",
    "zł": "PLN",
}
#: Symbols shared by several currencies: the code they mean alone, and the codes they fit.
GENERIC_SYMBOLS = {
    "$": ("USD", ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN", "ARS", "CLP", "COP")),
    "¥": ("JPY", ("JPY", "CNY")),
}


def symbol_pattern() -> str:
    """A regex alternation of every symbol, longest first (``US$`` before ``$``)."""
    import re

    symbols = sorted([*SYMBOLS, *GENERIC_SYMBOLS], key=len, reverse=True)
    return "|".join(re.escape(s) for s in symbols)


def fits(symbol_or_code: str, code: str) -> bool:
    """Whether an amount written with ``symbol_or_code`` may be in currency ``code``."""
    if symbol_or_code in GENERIC_SYMBOLS:
        return code in GENERIC_SYMBOLS[symbol_or_code][1]
    return SYMBOLS.get(symbol_or_code, symbol_or_code) == code
