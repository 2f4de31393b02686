#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Ekoverim authors
"""Check an Ekoverim audit JSON file the way an auditor would.

Follows the rules of audit-format.md (yearly totals from the period, kg through
units and density, which kinds count) and the meanings of results-format.md,
independently of the C code, so the two can be compared.  Prints per-unit and
plant mass balances, the water balance, energy by carrier with TEP and CO2,
the indicators, bills against flows and the economics of every option.

Usage: build-aux/check-sample.py [FILE]   (default resources/samples/ege-orme-boya.json)
Exit status 1 when the file breaks the format contract (bad key, reference,
enum, order) or a unit's imbalance exceeds the audit's error threshold.
Standard library only.
"""

import json
import math
import os
import re
import signal
import sys

# ---------------------------------------------------------------- the contract

KEYS = {
    "top": ["format", "version", "company", "audit", "units", "flows", "bills", "factors",
            "finance", "options", "actions", "kpis"],
    "company": ["name", "nace", "sector", "address", "city", "district", "osb", "contact",
                "employees", "shifts_per_day", "hours_per_day", "days_per_year",
                "certifications", "turnover", "labour_cost", "reference_period", "products"],
    "contact": ["name", "phone", "email"],
    "reference_period": ["start", "end"],
    "product": ["name", "quantity", "unit", "period", "price", "denominator"],
    "audit": ["title", "start", "end", "scope", "sponsor", "commitment_date", "team",
              "objectives", "thresholds", "notes"],
    "team": ["name", "position", "role", "organisation", "email"],
    "objective": ["indicator", "unit", "baseline", "target", "date"],
    "thresholds": ["warn", "error"],
    "unit": ["id", "name", "department", "mode", "batches_per_year", "operating_hours",
             "system_cost", "waste_management_cost", "description"],
    "flow": ["id", "name", "kind", "carrier", "from", "to", "quantity", "unit", "period",
             "density", "price", "quality", "uncertainty", "source", "note"],
    "bill": ["carrier", "month", "quantity", "unit", "cost"],
    "factor": ["carrier", "unit", "lhv_kwh", "tep", "co2_kg", "source"],
    "finance": ["currency", "discount_rate", "basis", "price_year"],
    "option": ["id", "title", "category", "units", "description", "cause", "screening",
               "status", "investment", "lifetime", "salvage", "om_cost", "other_savings",
               "changes", "scores"],
    "change": ["flow", "delta", "delta_pct"],
    "action": ["option", "action", "responsible", "start", "end", "budget", "status"],
    "kpi": ["id", "name", "unit", "baseline", "target", "values"],
    "kpi_value": ["period", "value"],
}

KINDS = ["raw_material", "auxiliary", "packaging", "water", "energy", "product", "by_product",
         "solid_waste", "hazardous_waste", "wastewater", "air_emission", "evaporation",
         "heat_loss", "intermediate", "recycle"]
CARRIERS = ["electricity", "natural_gas", "fuel_oil", "diesel", "lpg", "coal", "lignite",
            "pomace", "steam", "hot_water", "thermal_oil", "compressed_air", "other"]
BILL_CARRIERS = CARRIERS + ["water", "wastewater"]
UNITS = ["g", "kg", "t", "L", "m3", "Sm3", "Nm3", "kWh", "MWh", "MJ", "GJ", "kcal", "Mcal",
         "TEP", "pcs"]
PERIODS = ["batch", "hour", "shift", "day", "week", "month", "year"]
QUALITIES = ["measured", "metered", "invoice", "calculated", "estimated"]
CATEGORIES = ["GH", "IS", "PC", "EM", "TC", "RR", "BP", "PM", "EE", "EOP"]
SCREENINGS = ["implement", "study", "reject"]
STATUSES = ["proposed", "approved", "in_progress", "done", "rejected"]
ACTION_STATUSES = ["planned", "in_progress", "done", "cancelled"]
ACTIVE = ("approved", "in_progress", "done")
ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH_RE = re.compile(r"^\d{4}-\d{2}$")

MASS_KG = {"g": 0.001, "kg": 1.0, "t": 1000.0}
VOLUME_L = {"L": 1.0, "m3": 1000.0}
ENERGY_KWH = {"kWh": 1.0, "MWh": 1000.0, "MJ": 1 / 3.6, "GJ": 1000 / 3.6, "kcal": 0.001163,
              "Mcal": 1.163, "TEP": 11630.0}
DEFAULT_DENSITY_KINDS = ("water", "wastewater", "evaporation")
# Built-in defaults (DOMAIN.md 3.2, 3.4, 3.5) where the file has no factor.
BUILTIN_FACTORS = {
    ("natural_gas", "Sm3"): {"lhv_kwh": 9.59, "tep": 0.000825, "co2_kg": 1.938},
    ("electricity", "kWh"): {"lhv_kwh": 1.0, "tep": 0.000086, "co2_kg": 0.44},
}

problems = []


def problem(path, text):
    problems.append("%s: %s" % (path, text))


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def check_keys(obj, key_set, path):
    """Unknown keys, and keys out of the documented order."""
    if not isinstance(obj, dict):
        problem(path, "expected an object")
        return
    allowed = KEYS[key_set]
    last = -1
    for key in obj:
        if key not in allowed:
            problem(path, "unknown key '%s'" % key)
            continue
        pos = allowed.index(key)
        if pos < last:
            problem(path, "key '%s' out of the documented order" % key)
        last = pos


def check_enum(obj, key, values, path, required=False):
    if key not in obj:
        if required:
            problem(path, "missing '%s'" % key)
        return
    if obj[key] not in values:
        problem("%s.%s" % (path, key), "'%s' is not one of %s" % (obj[key], ", ".join(values)))


def check_number(obj, key, path, low=None, low_exclusive=False, required=False):
    if key not in obj:
        if required:
            problem(path, "missing '%s'" % key)
        return
    v = obj[key]
    if not is_number(v):
        problem("%s.%s" % (path, key), "expected a JSON number, got %r" % (v,))
        return
    if low is not None and (v <= low if low_exclusive else v < low):
        problem("%s.%s" % (path, key), "%r out of range" % (v,))


def check_date(obj, key, path, pattern=DATE_RE):
    if key in obj and not (isinstance(obj[key], str) and pattern.match(obj[key])):
        problem("%s.%s" % (path, key), "expected a date, got %r" % (obj[key],))


def validate(doc):
    check_keys(doc, "top", "$")
    if doc.get("format") != "ekoverim-audit":
        problem("format", "must be \"ekoverim-audit\"")
    if doc.get("version") != 1:
        problem("version", "must be 1")

    c = doc.get("company", {})
    check_keys(c, "company", "company")
    if not c.get("name"):
        problem("company", "missing name")
    if "contact" in c:
        check_keys(c["contact"], "contact", "company.contact")
    if "reference_period" in c:
        check_keys(c["reference_period"], "reference_period", "company.reference_period")
        check_date(c["reference_period"], "start", "company.reference_period")
        check_date(c["reference_period"], "end", "company.reference_period")
    if "employees" in c and not (isinstance(c["employees"], int) and c["employees"] >= 0):
        problem("company.employees", "expected an integer ≥ 0")
    check_number(c, "shifts_per_day", "company", 0, True)
    check_number(c, "hours_per_day", "company", 0, True)
    check_number(c, "days_per_year", "company", 0, True)
    check_number(c, "turnover", "company", 0)
    check_number(c, "labour_cost", "company", 0)
    for i, p in enumerate(c.get("products", [])):
        path = "company.products[%d]" % i
        check_keys(p, "product", path)
        check_number(p, "quantity", path, 0)
        check_number(p, "price", path, 0)
        check_enum(p, "unit", UNITS, path)
        check_enum(p, "period", PERIODS, path)

    a = doc.get("audit", {})
    check_keys(a, "audit", "audit")
    for key in ("start", "end", "commitment_date"):
        check_date(a, key, "audit")
    for i, m in enumerate(a.get("team", [])):
        check_keys(m, "team", "audit.team[%d]" % i)
        check_enum(m, "role", ["leader", "member", "external"], "audit.team[%d]" % i)
    for i, ob in enumerate(a.get("objectives", [])):
        path = "audit.objectives[%d]" % i
        check_keys(ob, "objective", path)
        check_number(ob, "baseline", path)
        check_number(ob, "target", path)
        check_date(ob, "date", path)
    if "thresholds" in a:
        check_keys(a["thresholds"], "thresholds", "audit.thresholds")

    unit_ids = set()
    for i, u in enumerate(doc.get("units", [])):
        path = "units[%d]" % i
        check_keys(u, "unit", path)
        uid = u.get("id")
        if not (isinstance(uid, str) and ID_RE.match(uid)):
            problem(path + ".id", "invalid id %r" % (uid,))
        elif uid in unit_ids:
            problem(path + ".id", "duplicate id %s" % uid)
        unit_ids.add(uid)
        check_enum(u, "mode", ["batch", "continuous"], path)
        check_number(u, "batches_per_year", path, 0, True)
        for key in ("operating_hours", "system_cost", "waste_management_cost"):
            check_number(u, key, path, 0)

    flow_ids = set()
    units_by_id = {u.get("id"): u for u in doc.get("units", [])}
    for i, f in enumerate(doc.get("flows", [])):
        path = "flows[%d]" % i
        check_keys(f, "flow", path)
        fid = f.get("id")
        if not (isinstance(fid, str) and ID_RE.match(fid)):
            problem(path + ".id", "invalid id %r" % (fid,))
        elif fid in flow_ids:
            problem(path + ".id", "duplicate id %s" % fid)
        flow_ids.add(fid)
        if not f.get("name"):
            problem(path, "missing name")
        check_enum(f, "kind", KINDS, path, True)
        check_enum(f, "carrier", CARRIERS, path)
        check_enum(f, "unit", UNITS, path, True)
        check_enum(f, "period", PERIODS, path)
        check_enum(f, "quality", QUALITIES, path)
        check_number(f, "quantity", path, 0, required=True)
        check_number(f, "density", path, 0, True)
        check_number(f, "price", path, 0)
        check_number(f, "uncertainty", path, 0)
        for end in ("from", "to"):
            if f.get(end) is not None and f[end] not in unit_ids:
                problem("%s.%s" % (path, end), "no unit '%s'" % f[end])
        if f.get("kind") == "product" and f.get("to") is not None:
            problem(path, "a product going to another unit is an intermediate")
        if f.get("kind") == "energy" and "carrier" not in f:
            problem(path, "energy flow without a carrier")
        if f.get("period") == "batch":
            owners = [units_by_id.get(f.get("from")), units_by_id.get(f.get("to"))]
            if not any(o and "batches_per_year" in o for o in owners):
                problem(path, "per batch, but neither unit has batches_per_year")

    for i, b in enumerate(doc.get("bills", [])):
        path = "bills[%d]" % i
        check_keys(b, "bill", path)
        check_enum(b, "carrier", BILL_CARRIERS, path, True)
        check_enum(b, "unit", UNITS, path, True)
        check_number(b, "quantity", path, 0, required=True)
        check_number(b, "cost", path, 0)
        check_date(b, "month", path, MONTH_RE)

    for i, fa in enumerate(doc.get("factors", [])):
        path = "factors[%d]" % i
        check_keys(fa, "factor", path)
        check_enum(fa, "carrier", CARRIERS, path, True)
        check_enum(fa, "unit", UNITS, path, True)
        check_number(fa, "lhv_kwh", path, 0, True)
        check_number(fa, "tep", path, 0)
        check_number(fa, "co2_kg", path, 0)

    fi = doc.get("finance", {})
    check_keys(fi, "finance", "finance")
    check_enum(fi, "basis", ["real", "nominal"], "finance")

    option_ids = set()
    for i, op in enumerate(doc.get("options", [])):
        path = "options[%d]" % i
        check_keys(op, "option", path)
        oid = op.get("id")
        if not (isinstance(oid, str) and ID_RE.match(oid)):
            problem(path + ".id", "invalid id %r" % (oid,))
        elif oid in option_ids:
            problem(path + ".id", "duplicate id %s" % oid)
        option_ids.add(oid)
        if not op.get("title"):
            problem(path, "missing title")
        check_enum(op, "category", CATEGORIES, path)
        check_enum(op, "screening", SCREENINGS, path)
        check_enum(op, "status", STATUSES, path)
        check_number(op, "investment", path, 0)
        check_number(op, "lifetime", path, 0, True)
        check_number(op, "salvage", path, 0)
        check_number(op, "om_cost", path)
        check_number(op, "other_savings", path)
        for j, uid in enumerate(op.get("units", [])):
            if uid not in unit_ids:
                problem("%s.units[%d]" % (path, j), "no unit '%s'" % uid)
        for j, chg in enumerate(op.get("changes", [])):
            cpath = "%s.changes[%d]" % (path, j)
            check_keys(chg, "change", cpath)
            if chg.get("flow") not in flow_ids:
                problem(cpath + ".flow", "no flow '%s'" % chg.get("flow"))
            if ("delta" in chg) == ("delta_pct" in chg):
                problem(cpath, "give exactly one of delta and delta_pct")
            check_number(chg, "delta", cpath)
            check_number(chg, "delta_pct", cpath, -100)
        for crit, val in op.get("scores", {}).items():
            if not is_number(val):
                problem("%s.scores.%s" % (path, crit), "expected a number")

    for i, ac in enumerate(doc.get("actions", [])):
        path = "actions[%d]" % i
        check_keys(ac, "action", path)
        if ac.get("option") not in option_ids:
            problem(path + ".option", "no option '%s'" % ac.get("option"))
        check_enum(ac, "status", ACTION_STATUSES, path)
        check_date(ac, "start", path)
        check_date(ac, "end", path)
        check_number(ac, "budget", path, 0)

    kpi_ids = set()
    for i, k in enumerate(doc.get("kpis", [])):
        path = "kpis[%d]" % i
        check_keys(k, "kpi", path)
        if k.get("id") in kpi_ids or not ID_RE.match(str(k.get("id"))):
            problem(path + ".id", "invalid or duplicate id")
        kpi_ids.add(k.get("id"))
        for j, v in enumerate(k.get("values", [])):
            check_keys(v, "kpi_value", "%s.values[%d]" % (path, j))
            check_number(v, "value", "%s.values[%d]" % (path, j), required=True)

# ---------------------------------------------------------------- the rules


class Audit:
    def __init__(self, doc):
        self.doc = doc
        c = doc.get("company", {})
        self.days = c.get("days_per_year", 250)
        self.shifts = c.get("shifts_per_day", 1)
        self.hours = c.get("hours_per_day", 8)
        self.units = doc.get("units", [])
        self.unit_by_id = {u["id"]: u for u in self.units}
        self.flows = doc.get("flows", [])
        self.flow_by_id = {f["id"]: f for f in self.flows}
        self.factors = {}
        for key, val in BUILTIN_FACTORS.items():
            self.factors[key[0]] = dict(val, unit=key[1])
        for fa in doc.get("factors", []):
            self.factors[fa["carrier"]] = fa
        t = doc.get("audit", {}).get("thresholds", {})
        self.warn = t.get("warn", 5)
        self.error = t.get("error", 10)

    def per_year(self, f):
        period = f.get("period", "year")
        if period == "batch":
            for end in ("from", "to"):
                u = self.unit_by_id.get(f.get(end))
                if u and "batches_per_year" in u:
                    return u["batches_per_year"]
            raise ValueError("flow %s: per batch without batches_per_year" % f["id"])
        return {"year": 1, "month": 12, "week": 52, "day": self.days,
                "shift": self.days * self.shifts, "hour": self.days * self.hours}[period]

    def yearly(self, f, quantity=None):
        q = f["quantity"] if quantity is None else quantity
        return q * self.per_year(f)

    def density(self, f):
        if "density" in f:
            return f["density"]
        if f["kind"] in DEFAULT_DENSITY_KINDS:
            return 1.0
        return None

    def kg(self, f, yearly):
        """Mass in kg of a yearly quantity, or None when it cannot be brought to kg."""
        u = f["unit"]
        if u in MASS_KG:
            return yearly * MASS_KG[u]
        d = self.density(f)
        if u in VOLUME_L and d is not None:
            return yearly * VOLUME_L[u] * d
        if u in ("Sm3", "Nm3") and "density" in f:
            return yearly * 1000.0 * f["density"]    # density is in kg per L
        return None

    def m3_water(self, f, yearly):
        u = f["unit"]
        if u in VOLUME_L:
            return yearly * VOLUME_L[u] / 1000.0
        if u in MASS_KG:
            return yearly * MASS_KG[u] / 1000.0
        return None

    def in_factor_unit(self, f, yearly, fa):
        """The yearly quantity expressed in the factor's unit, or None."""
        u, fu = f["unit"], fa["unit"]
        if u == fu:
            return yearly
        if u in MASS_KG and fu in MASS_KG:
            return yearly * MASS_KG[u] / MASS_KG[fu]
        if u in VOLUME_L and fu in VOLUME_L:
            return yearly * VOLUME_L[u] / VOLUME_L[fu]
        if u in ENERGY_KWH and fu in ENERGY_KWH:
            return yearly * ENERGY_KWH[u] / ENERGY_KWH[fu]
        return None

    def kwh(self, f, yearly):
        u = f["unit"]
        if u in ENERGY_KWH:
            return yearly * ENERGY_KWH[u]
        fa = self.factors.get(f.get("carrier"))
        if fa is None or "lhv_kwh" not in fa:
            return None
        q = self.in_factor_unit(f, yearly, fa)
        return None if q is None else q * fa["lhv_kwh"]

    def tep_co2(self, f, yearly):
        """(TEP, kg CO2) of a bought energy flow."""
        fa = self.factors.get(f.get("carrier"))
        u = f["unit"]
        if fa is not None and u == fa["unit"]:
            return yearly * fa.get("tep", 0.0), yearly * fa.get("co2_kg", 0.0)
        e = self.kwh(f, yearly)
        if e is None:
            return None, None
        if fa is not None and fa.get("lhv_kwh"):
            return (e * fa.get("tep", 0.0) / fa["lhv_kwh"], e * fa.get("co2_kg", 0.0) / fa["lhv_kwh"])
        return e / 11630.0, 0.0

    def co2_per_unit_yearly(self, f):
        fa = self.factors.get(f.get("carrier"))
        if fa is None:
            return 0.0
        _, co2 = self.tep_co2(f, 1.0)
        return co2 or 0.0

# ---------------------------------------------------------------- balances


def counts_in_mass(f):
    return f["kind"] not in ("energy", "heat_loss")


def fmt(x, digits=0):
    if x is None:
        return "n/a"
    return "{:,.{d}f}".format(x, d=digits)


def balances(au, quantities):
    """Per-unit and plant balances for the given {flow id: quantity} overrides."""
    res = {"units": {}, "plant": {}}
    for u in au.units:
        res["units"][u["id"]] = {"mass_in": 0.0, "mass_out": 0.0, "water_in": 0.0,
                                 "water_out": 0.0, "energy_in": 0.0, "n_in": 0, "n_out": 0}
    p = {"mass_in": 0.0, "mass_out": 0.0, "water_in": 0.0, "water_out": 0.0, "energy_in": 0.0,
         "tep": 0.0, "co2": 0.0, "cost_in": 0.0, "wastewater": 0.0, "waste": 0.0,
         "product": 0.0, "raw": 0.0, "carriers": {}, "not_in_mass": []}
    for f in au.flows:
        y = au.yearly(f, quantities.get(f["id"]))
        kg = au.kg(f, y) if counts_in_mass(f) else None
        if counts_in_mass(f) and kg is None:
            p["not_in_mass"].append(f["id"])
        src, dst = f.get("from"), f.get("to")
        if dst is not None:
            r = res["units"][dst]
            r["n_in"] += 1
            if kg is not None:
                r["mass_in"] += kg
            if f["kind"] == "water":
                r["water_in"] += au.m3_water(f, y) or 0.0
            if f["kind"] == "energy":
                r["energy_in"] += au.kwh(f, y) or 0.0
        if src is not None:
            r = res["units"][src]
            r["n_out"] += 1
            if kg is not None:
                r["mass_out"] += kg
            if f["kind"] in ("wastewater", "evaporation"):
                r["water_out"] += au.m3_water(f, y) or 0.0
        if src is None:
            if kg is not None:
                p["mass_in"] += kg
            if f["kind"] == "water":
                p["water_in"] += au.m3_water(f, y) or 0.0
            if f["kind"] == "raw_material" and kg is not None:
                p["raw"] += kg
            p["cost_in"] += y * f.get("price", 0.0)
            if f["kind"] == "energy":
                e = au.kwh(f, y) or 0.0
                tep, co2 = au.tep_co2(f, y)
                p["energy_in"] += e
                p["tep"] += tep or 0.0
                p["co2"] += co2 or 0.0
                cr = p["carriers"].setdefault(f["carrier"], {"kwh": 0.0, "tep": 0.0, "co2": 0.0,
                                                             "cost": 0.0, "qty": 0.0,
                                                             "unit": f["unit"]})
                cr["kwh"] += e
                cr["tep"] += tep or 0.0
                cr["co2"] += co2 or 0.0
                cr["cost"] += y * f.get("price", 0.0)
                cr["qty"] += y if cr["unit"] == f["unit"] else 0.0
        if dst is None:
            if kg is not None:
                p["mass_out"] += kg
            if f["kind"] in ("wastewater", "evaporation"):
                p["water_out"] += au.m3_water(f, y) or 0.0
            if f["kind"] == "wastewater":
                p["wastewater"] += au.m3_water(f, y) or 0.0
            if f["kind"] in ("solid_waste", "hazardous_waste") and kg is not None:
                p["waste"] += kg
            if f["kind"] == "product" and kg is not None:
                p["product"] += kg
    res["plant"] = p
    return res


def pct(imb, total):
    return 100.0 * imb / total if total else None


def status(au, pc):
    if pc is None:
        return "ok"
    if abs(pc) > au.error:
        return "error"
    if abs(pc) > au.warn:
        return "warn"
    return "ok"

# ---------------------------------------------------------------- finance


def npv(inv, cf, n, r, salvage):
    if r == 0:
        return -inv + cf * n + salvage
    return -inv + sum(cf / (1 + r) ** t for t in range(1, int(n) + 1)) + salvage / (1 + r) ** n


def irr(inv, cf, n, salvage):
    if inv <= 0 or cf <= 0:
        return None
    lo, hi = -0.99, 10.0
    flo, fhi = npv(inv, cf, n, lo, salvage), npv(inv, cf, n, hi, salvage)
    if flo * fhi > 0:
        return None
    for _ in range(200):
        mid = (lo + hi) / 2
        fm = npv(inv, cf, n, mid, salvage)
        if flo * fm <= 0:
            hi = mid
        else:
            lo, flo = mid, fm
    return 100 * (lo + hi) / 2


def discounted_payback(inv, cf, n, r):
    if inv == 0:
        return 0.0
    acc = -inv
    for t in range(1, int(n) + 1):
        d = cf / (1 + r) ** t
        if acc + d >= 0:
            return t - 1 + (-acc) / d
        acc += d
    return None


def option_figures(au, op, r):
    saving, co2, water, energy = 0.0, 0.0, 0.0, 0.0
    for chg in op.get("changes", []):
        f = au.flow_by_id[chg["flow"]]
        delta = chg["delta"] if "delta" in chg else f["quantity"] * chg["delta_pct"] / 100.0
        dy = au.yearly(f, delta)
        saving += -dy * f.get("price", 0.0)
        if f["kind"] == "energy" and f.get("from") is None:
            _, c = au.tep_co2(f, -dy)
            co2 += (c or 0.0) / 1000.0
            energy += -(au.kwh(f, dy) or 0.0)
        if f["kind"] == "water" and f.get("from") is None:
            water += -(au.m3_water(f, dy) or 0.0)
    saving += op.get("other_savings", 0.0) - op.get("om_cost", 0.0)
    inv = op.get("investment", 0.0)
    n = op.get("lifetime", 10)
    s = op.get("salvage", 0.0)
    eac = inv * r * (1 + r) ** n / ((1 + r) ** n - 1) if r else inv / n
    return {
        "saving": saving,
        "spb": inv / saving if saving > 0 else None,
        "npv": npv(inv, saving, n, r, s),
        "irr": irr(inv, saving, n, s),
        "dpb": discounted_payback(inv, saving, n, r),
        "co2": co2,
        "cost_per_t": (eac - saving) / co2 if co2 else None,
        "water": water, "energy": energy,
    }


def after_quantities(au, statuses=ACTIVE):
    q = {}
    for op in au.doc.get("options", []):
        if op.get("status", "proposed") not in statuses:
            continue
        for chg in op.get("changes", []):
            f = au.flow_by_id[chg["flow"]]
            cur = q.get(f["id"], f["quantity"])
            delta = chg["delta"] if "delta" in chg else f["quantity"] * chg["delta_pct"] / 100.0
            q[f["id"]] = cur + delta
    return q

# ---------------------------------------------------------------- report


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "resources",
                                                                "samples", "ege-orme-boya.json")
    with open(path, encoding="utf-8") as fp:
        doc = json.load(fp)
    validate(doc)
    if problems:
        print("Format problems:")
        for p in problems:
            print("  " + p)
        return 1

    au = Audit(doc)
    prods = doc["company"].get("products", [])
    denom = next((p for p in prods if p.get("denominator")), prods[0] if prods else None)
    prod_t = None
    if denom:
        fake = {"quantity": denom["quantity"], "unit": denom.get("unit", "t"),
                "period": denom.get("period", "year"), "kind": "product", "id": "denominator"}
        prod_t = au.kg(fake, au.yearly(fake)) / 1000.0

    res = balances(au, {})
    print("Audit: %s" % doc["company"]["name"])
    print("Units: %d   flows: %d   options: %d   bills: %d   actions: %d   kpis: %d"
          % (len(au.units), len(au.flows), len(doc.get("options", [])), len(doc.get("bills", [])),
             len(doc.get("actions", [])), len(doc.get("kpis", []))))
    kinds = sorted({f["kind"] for f in au.flows})
    print("Flow kinds used (%d): %s" % (len(kinds), ", ".join(kinds)))
    print()
    print("Mass balance per unit (kg/yr; energy and heat_loss not counted)")
    print("  %-5s %-44s %14s %14s %12s %8s  %s" % ("id", "name", "in", "out", "in-out", "%",
                                                  "status"))
    bad = 0
    for u in au.units:
        r = res["units"][u["id"]]
        imb = r["mass_in"] - r["mass_out"]
        pc = pct(imb, r["mass_in"])
        st = status(au, pc)
        if st == "error":
            bad += 1
        if r["n_in"] == 0 or r["n_out"] == 0:
            st += " (no %s)" % ("inputs" if r["n_in"] == 0 else "outputs")
            bad += 1
        print("  %-5s %-44s %14s %14s %12s %8s  %s"
              % (u["id"], u["name"][:44], fmt(r["mass_in"]), fmt(r["mass_out"]), fmt(imb),
                 fmt(pc, 2), st))
    p = res["plant"]
    imb = p["mass_in"] - p["mass_out"]
    print("  %-5s %-44s %14s %14s %12s %8s  %s"
          % ("plant", "", fmt(p["mass_in"]), fmt(p["mass_out"]), fmt(imb),
             fmt(pct(imb, p["mass_in"]), 2), status(au, pct(imb, p["mass_in"]))))
    if p["not_in_mass"]:
        print("  not brought to kg (no density or not a mass): %s" % ", ".join(p["not_in_mass"]))
    print()
    print("Water balance (m3/yr)")
    print("  %-5s %12s %12s" % ("unit", "water in", "ww+evap out"))
    for u in au.units:
        r = res["units"][u["id"]]
        if r["water_in"] or r["water_out"]:
            print("  %-5s %12s %12s" % (u["id"], fmt(r["water_in"]), fmt(r["water_out"])))
    wu = p["water_in"] - p["water_out"]
    print("  plant: in %s, out %s (wastewater %s), unaccounted %s m3 = %s %%"
          % (fmt(p["water_in"]), fmt(p["water_out"]), fmt(p["wastewater"]), fmt(wu),
             fmt(pct(wu, p["water_in"]), 2)))
    print()
    print("Energy bought, by carrier")
    print("  %-14s %16s %14s %10s %10s %14s" % ("carrier", "quantity", "kWh", "TEP", "t CO2",
                                                "cost"))
    for name, cr in sorted(p["carriers"].items()):
        print("  %-14s %12s %-3s %14s %10s %10s %14s"
              % (name, fmt(cr["qty"]), cr["unit"], fmt(cr["kwh"]), fmt(cr["tep"], 1),
                 fmt(cr["co2"] / 1000, 1), fmt(cr["cost"])))
    print("  %-14s %16s %14s %10s %10s" % ("total", "", fmt(p["energy_in"]), fmt(p["tep"], 1),
                                           fmt(p["co2"] / 1000, 1)))
    print()
    print("Energy entering each unit (kWh/yr, all carriers incl. internal steam and air)")
    print("  " + "  ".join("%s %s" % (u["id"], fmt(res["units"][u["id"]]["energy_in"]))
                           for u in au.units))
    print()
    print("Bills against flows (reference period)")
    sums = {}
    for b in doc.get("bills", []):
        s = sums.setdefault((b["carrier"], b["unit"]), [0.0, 0.0, 0])
        s[0] += b["quantity"]
        s[1] += b.get("cost", 0.0)
        s[2] += 1
    for (carrier, unit), (qty, cost, n) in sorted(sums.items()):
        flows = 0.0
        for f in au.flows:
            if f.get("from") is not None or f["unit"] != unit:
                continue
            if carrier in ("water", "wastewater"):
                # bought water: the inputs documented from invoices (wells have no bill)
                if f["kind"] == carrier and f.get("quality") == "invoice":
                    flows += au.yearly(f)
            elif f["kind"] == "energy" and f.get("carrier") == carrier:
                flows += au.yearly(f)
        diff = pct(qty - flows, flows) if flows else None
        print("  %-12s %2d months %14s %-4s cost %14s  flows %14s  bills-flows %s %%  "
              "average price %s" % (carrier, n, fmt(qty), unit, fmt(cost), fmt(flows),
                                    fmt(diff, 2), fmt(cost / qty if qty else None, 2)))
    print()
    print("Indicators (production denominator: %s, %s t/yr)"
          % (denom["name"] if denom else "none", fmt(prod_t)))
    if prod_t:
        print("  water %s m3/t   wastewater %s m3/t   energy %s kWh/t   %s TEP/t   "
              "waste %s kg/t   raw-material yield %s %%"
              % (fmt(p["water_in"] / prod_t, 1), fmt(p["wastewater"] / prod_t, 1),
                 fmt(p["energy_in"] / prod_t, 0), fmt(p["tep"] / prod_t, 3),
                 fmt(p["waste"] / prod_t, 1),
                 fmt(100 * p["product"] / p["raw"] if p["raw"] else None, 1)))
        el = p["carriers"].get("electricity", {}).get("kwh", 0.0)
        print("  electricity %s kWh/kg   heat (fuels) %s kWh/kg   TEP %s   t CO2 %s   "
              "cost of inputs %s %s"
              % (fmt(el / prod_t / 1000, 2), fmt((p["energy_in"] - el) / prod_t / 1000, 2),
                 fmt(p["tep"], 1), fmt(p["co2"] / 1000, 1), fmt(p["cost_in"]),
                 doc.get("finance", {}).get("currency", "TRY")))
    print()
    fin = doc.get("finance", {})
    r = fin.get("discount_rate", 10) / 100.0
    print("Options (discount rate %s %%, %s)" % (fmt(r * 100, 1), fin.get("basis", "real")))
    print("  %-4s %-4s %-11s %12s %12s %7s %7s %13s %7s %8s %12s"
          % ("id", "cat", "status", "investment", "saving/yr", "SPB", "DPB", "NPV", "IRR %",
             "t CO2", "TRY/t CO2"))
    port = {"inv": 0.0, "saving": 0.0, "co2": 0.0, "water": 0.0, "energy": 0.0}
    for op in doc.get("options", []):
        of = option_figures(au, op, r)
        st = op.get("status", "proposed")
        if st in ACTIVE:
            port["inv"] += op.get("investment", 0.0)
            port["saving"] += of["saving"]
            port["co2"] += of["co2"]
            port["water"] += of["water"]
            port["energy"] += of["energy"]
        print("  %-4s %-4s %-11s %12s %12s %7s %7s %13s %7s %8s %12s"
              % (op["id"], op.get("category", ""), st, fmt(op.get("investment", 0.0)),
                 fmt(of["saving"]), fmt(of["spb"], 2), fmt(of["dpb"], 2), fmt(of["npv"]),
                 fmt(of["irr"], 1), fmt(of["co2"], 1), fmt(of["cost_per_t"])))
    print("  portfolio (approved, in progress, done): investment %s, saving %s/yr, %s t CO2/yr, "
          "water %s m3/yr, energy %s kWh/yr"
          % (fmt(port["inv"]), fmt(port["saving"]), fmt(port["co2"], 1), fmt(port["water"]),
             fmt(port["energy"])))
    aq = after_quantities(au)
    neg = [fid for fid, q in aq.items() if q < 0]
    after = balances(au, aq)["plant"]
    print("  after: water in %s m3 (%s m3/t), energy %s kWh (%s kWh/t), %s TEP, %s t CO2"
          % (fmt(after["water_in"]), fmt(after["water_in"] / prod_t if prod_t else None, 1),
             fmt(after["energy_in"]), fmt(after["energy_in"] / prod_t if prod_t else None),
             fmt(after["tep"], 1), fmt(after["co2"] / 1000, 1)))
    if neg:
        print("  NEGATIVE after the options: %s" % ", ".join(neg))
        bad += 1
    ares = balances(au, aq)
    worst = max(((abs(pct(v["mass_in"] - v["mass_out"], v["mass_in"]) or 0), k)
                 for k, v in ares["units"].items()))
    print("  after: largest unit imbalance %s %% (%s)" % (fmt(worst[0], 2), worst[1]))
    return 1 if bad else 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # quiet under "| head"
    sys.exit(main())
