// Unit tests of the scoring engine (static/js/assess/engine.ts) over the
// real models of the repository's rubrics. TestEngine (engine_test.go)
// transpiles the engine to engine.mjs, writes models.json from rubric.Load
// and rubric.JSON, and runs `node --test` on this file beside them, so the
// tests break when the YAML and the engine drift apart.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { summarise, check, progress, levelLabel, levelName, onList, chars, answerOf, millionths, bandOf, direction, coded, codeLevel, splitCodes, readCodes } from "./engine.mjs";

const models = JSON.parse(readFileSync(new URL("./models.json", import.meta.url), "utf8"));
// The published rubrics of internal/rubric/testdata/published (issue 15).
const published = JSON.parse(readFileSync(new URL("./published.json", import.meta.url), "utf8"));
const model = (id) => {
  assert.ok(models[id], `no rubric ${id} in rubrics/`);
  return structuredClone(models[id]);
};
const choices = (m) => m.items.filter((it) => it.type === "choice");
const byId = (m, id) => m.items.find((it) => it.id === id);
const count = (s, level) => s.counts.find((c) => c.level === level).count;
const list = (t, id) => t.lists.find((l) => l.id === id).items;

// A deterministic pseudo-random answer sheet for property tests.
function randomAnswers(m, seed) {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const a = {};
  for (const it of m.items) {
    const r = next();
    if (r < 0.2) continue; // left unanswered
    a[it.id] = it.type === "text" ? `answer ${seed}` : m.levels[Math.floor(next() * m.levels.length)].id;
  }
  return a;
}

describe("every rubric kind is in the repository", () => {
  test("levelled, evidence bands, questionnaires, checklist, framework", () => {
    for (const id of ["qaf-1", "qaf-2", "qaf-3", "qaf-4", "qaf-5", "cat", "questionnaire", "quest-1", "quest-1w", "csom-observation", "qif"]) {
      assert.ok(models[id], id);
    }
  });
});

describe("levelled standards with relabels (qaf-4)", () => {
  const m = model("qaf-4");

  test("a relabelled item words the same levels its own way", () => {
    assert.equal(levelLabel(m, byId(m, "specialist-knowledge-current"), "best"), "Excellent");
    assert.equal(levelLabel(m, byId(m, "specialist-knowledge-developing"), "development"), "No activity");
    assert.equal(levelLabel(m, byId(m, "labour-market-current-knowledge"), "development"), "Poor");
    assert.equal(levelLabel(m, byId(m, "marketing"), "best"), "Best practice");
  });

  test("counts each level and lists development needs, relabelled or not", () => {
    const s = summarise(m, {
      "specialist-knowledge-current": "development", // "Incomplete"
      "labour-market-developing": "development", // "No activity"
      marketing: "best",
      "case-conferencing": "ok",
      "caseload-management": "development",
    });
    assert.deepEqual(s.counts, [
      { level: "best", count: 1 },
      { level: "ok", count: 1 },
      { level: "development", count: 3 },
    ]);
    assert.equal(s.unanswered, m.items.length - 5);
    assert.deepEqual(list(s, "development-needs"), ["specialist-knowledge-current", "caseload-management", "labour-market-developing"]);
    assert.equal(s.answered, 5);
    assert.deepEqual(s.blanked, []);
    assert.equal(s.groups, undefined);
    assert.equal(s.profile, undefined);
    assert.equal(s.total, undefined, "the QAF gives no numbers, so no score is invented");
  });

  test("an answer that is not a level of the scale is ignored", () => {
    const s = summarise(m, { marketing: "expert", "case-conferencing": "Best practice" });
    assert.equal(s.answered, 0);
    assert.deepEqual(s.answers, {});
    assert.equal(answerOf(m, byId(m, "marketing"), { marketing: "expert" }), "");
  });

  test("nothing is required, so nothing stops the summary", () => {
    assert.deepEqual(check(m, {}, false, ""), []);
  });
});

describe("evidence bands with blank → F (cat)", () => {
  const m = model("cat");

  test("the model states the CAT's rules as data", () => {
    assert.equal(m.rules.required, true);
    assert.equal(m.rules.blank, "f");
    assert.equal(m.rules.notesMax, 600);
    assert.equal(m.rules.consent, true);
    assert.equal(m.scoring.chart, "profile");
    assert.equal(choices(m).length, 10);
    assert.deepEqual(m.levels.map((l) => l.band), ["good", "good", "some", "some", "little", "little"]);
  });

  test("a statement left blank records F", () => {
    const s = summarise(m, { "statement-1": "a", "statement-2": "c" });
    assert.equal(s.answered, 2);
    assert.equal(s.blanked.length, 8);
    assert.ok(!s.blanked.includes("statement-1"));
    assert.equal(s.answers["statement-5"], "f");
    assert.equal(count(s, "f"), 8);
    assert.equal(count(s, "a"), 1);
    assert.equal(s.unanswered, 0, "no blanks can be left");
  });

  test("statements at C–F are the ones to concentrate on", () => {
    const s = summarise(m, {
      "statement-1": "a", "statement-2": "b", "statement-3": "c", "statement-4": "d", "statement-5": "e",
      "statement-6": "f", "statement-7": "a", "statement-8": "b", "statement-9": "b", "statement-10": "c",
    });
    assert.deepEqual(list(s, "concentrate"), ["statement-3", "statement-4", "statement-5", "statement-6", "statement-10"]);
    assert.deepEqual(s.blanked, []);
  });

  test("the profile places each statement on the scale", () => {
    const s = summarise(m, { "statement-1": "a", "statement-3": "d" });
    assert.equal(s.profile.length, 10);
    assert.deepEqual(s.profile[0], { item: "statement-1", level: "a", index: 0 });
    assert.deepEqual(s.profile[1], { item: "statement-2", level: "f", index: 5 });
    assert.deepEqual(s.profile[2], { item: "statement-3", level: "d", index: 3 });
  });

  test("consent is asked before anything else; blanks are not errors", () => {
    assert.deepEqual(check(m, {}, false, ""), [{ kind: "consent" }]);
    assert.deepEqual(check(m, {}, true, ""), []);
  });

  test("the notes box holds 600 characters, counted as people count them", () => {
    assert.deepEqual(check(m, {}, true, "x".repeat(600)), []);
    assert.deepEqual(check(m, {}, true, "x".repeat(601)), [{ kind: "notes" }]);
    const welsh = "ŵ".repeat(300) + "😀".repeat(300); // 600 characters, 900 UTF-16 units
    assert.equal(chars(welsh), 600);
    assert.deepEqual(check(m, {}, true, welsh), []);
  });

  test("without the blank rule, required statements left blank are errors", () => {
    const strict = model("cat");
    delete strict.rules.blank;
    const problems = check(strict, { "statement-1": "a" }, true, "");
    assert.equal(problems.length, 9);
    assert.deepEqual(problems[0], { kind: "required", item: "statement-2" });
    assert.deepEqual(summarise(strict, {}).blanked, []);
  });
});

describe("questionnaires: negative polarity, text items, groups (questionnaire, quest-1, quest-1w)", () => {
  for (const id of ["questionnaire", "quest-1", "quest-1w"]) {
    const m = model(id);

    test(`${id}: "Yes" to a negative item signals a need; "No" to it does not`, () => {
      const neg = m.items.filter((it) => it.negative && it.type === "choice");
      const pos = m.items.filter((it) => !it.negative && it.type === "choice");
      assert.ok(neg.length > 0 && pos.length > 0);
      const a = { [neg[0].id]: "yes", [neg[1].id]: "no", [pos[0].id]: "no", [pos[1].id]: "yes", [pos[2].id]: "some", [neg[2].id]: "unsure" };
      const s = summarise(m, a);
      const needs = list(s, "needs");
      assert.ok(needs.includes(neg[0].id));
      assert.ok(!needs.includes(neg[1].id));
      assert.ok(needs.includes(pos[0].id));
      assert.ok(!needs.includes(pos[1].id));
      assert.ok(needs.includes(pos[2].id), "to some extent signals a need");
      assert.deepEqual(list(s, "unsure"), [neg[2].id]);
    });

    test(`${id}: the lists are worked out challenge by challenge`, () => {
      const s = summarise(m, randomAnswers(m, 7));
      assert.equal(s.groups.length, m.groups.length);
      for (const g of s.groups) {
        for (const l of g.lists) {
          for (const item of l.items) assert.equal(byId(m, item).group, g.id);
        }
      }
      for (const l of s.lists) {
        const fromGroups = s.groups.flatMap((g) => list(g, l.id));
        assert.deepEqual([...fromGroups].sort(), [...l.items].sort());
      }
    });

    test(`${id}: text items count as answered but are not scored`, () => {
      const text = m.items.filter((it) => it.type === "text");
      assert.ok(text.length > 0);
      const s = summarise(m, { [text[0].id]: "  Care assistant ", [text[1].id]: "   " });
      assert.equal(s.answered, 1);
      assert.equal(s.answers[text[0].id], "Care assistant");
      assert.equal(s.answers[text[1].id], undefined);
      assert.equal(s.counts.reduce((n, c) => n + c.count, 0), 0);
      assert.equal(s.unanswered, choices(m).length);
      assert.deepEqual(progress(m, { [text[0].id]: "x" }), { answered: 1, items: m.items.length });
    });
  }

  test("quest-1w is quest-1 in Welsh, item for item, scored alike", () => {
    const en = model("quest-1"), cy = model("quest-1w");
    assert.equal(cy.lang, "cy");
    assert.deepEqual(cy.items.map((it) => [it.id, it.type, it.group, !!it.negative]), en.items.map((it) => [it.id, it.type, it.group, !!it.negative]));
    const a = randomAnswers(en, 11);
    const se = summarise(en, a), sc = summarise(cy, a);
    assert.deepEqual(sc.counts, se.counts);
    assert.deepEqual(sc.lists.map((l) => l.items), se.lists.map((l) => l.items));
    assert.deepEqual(sc.groups.map((g) => g.lists), se.groups.map((g) => g.lists).map((ls, i) => ls.map((l, j) => ({ ...l, title: sc.groups[i].lists[j].title }))));
    assert.equal(levelLabel(cy, byId(cy, "fill-in-forms"), "yes"), "Ydy/Ydw");
    assert.equal(levelLabel(cy, byId(cy, "look-regularly"), "yes"), "Ydw");
    assert.equal(levelLabel(cy, byId(cy, "housing"), "yes"), "Oes");
  });
});

describe("checklist (csom-observation)", () => {
  const m = model("csom-observation");

  test("counts Yes and No and lists the No items", () => {
    const ids = choices(m).map((it) => it.id);
    const a = Object.fromEntries(ids.map((id, i) => [id, i % 3 === 0 ? "no" : "yes"]));
    delete a[ids[1]];
    const s = summarise(m, a);
    assert.deepEqual(s.counts, [{ level: "yes", count: 7 }, { level: "no", count: 4 }]);
    assert.equal(s.unanswered, 1);
    assert.deepEqual(list(s, "marked-no"), ids.filter((_, i) => i % 3 === 0));
    assert.equal(s.groups, undefined);
  });
});

describe("framework standards (qif)", () => {
  const m = model("qif");

  test("counts and lists for each component", () => {
    const a = Object.fromEntries(choices(m).map((it) => [it.id, it.group === "c1" ? "not-yet" : it.group === "c2" ? "partly" : "shown"]));
    const s = summarise(m, a);
    assert.deepEqual(s.groups.map((g) => g.id), m.groups.map((g) => g.id));
    const c1 = s.groups.find((g) => g.id === "c1");
    assert.deepEqual(c1.counts, [{ level: "shown", count: 0 }, { level: "partly", count: 0 }, { level: "not-yet", count: 5 }]);
    assert.deepEqual(list(c1, "not-yet"), ["1-1", "1-2", "1-3", "1-4", "1-5"]);
    assert.deepEqual(list(s.groups.find((g) => g.id === "c2"), "partly").length, 6);
    assert.deepEqual(list(s, "partly"), choices(m).filter((it) => it.group === "c2").map((it) => it.id));
    assert.equal(count(s, "shown"), choices(m).length - 11);
  });
});

describe("a numeric total only where the YAML gives values", () => {
  const valued = () => {
    const m = model("qaf-1");
    m.levels.forEach((l, i) => (l.value = 3 - i));
    m.scoring.total = true;
    return m;
  };

  test("sums the values of the answers, out of the highest for the items answered", () => {
    const m = valued();
    const s = summarise(m, { "active-listening": "best", questioning: "ok", feedback: "development" });
    // Issue 15: the maximum covers the answered items (it was 3 × every item).
    assert.deepEqual(s.total, { score: 6, max: 3 * 3, scored: 3 });
    assert.equal(s.unanswered, choices(m).length - 3);
  });

  test("no total when a level has no value, or total is not asked for", () => {
    const m = valued();
    delete m.levels[1].value;
    assert.equal(summarise(m, { questioning: "best" }).total, undefined);
    const n = valued();
    n.scoring.total = false;
    assert.equal(summarise(n, { questioning: "best" }).total, undefined);
  });
});

describe("one engine for every rubric", () => {
  for (const [id, m0] of Object.entries({ ...models, ...published })) {
    test(`${id}: tallies add up for any answers`, () => {
      const m = structuredClone(m0);
      for (const seed of [1, 2, 3]) {
        const a = randomAnswers(m, seed);
        const s = summarise(m, a);
        const nChoices = choices(m).length;
        assert.equal(s.choices, nChoices);
        assert.equal(s.items, m.items.length);
        if (s.counts) assert.equal(s.counts.reduce((n, c) => n + c.count, 0) + s.unanswered, nChoices);
        assert.deepEqual(s.lists.map((l) => l.id), (m.scoring.lists || []).map((l) => l.id));
        for (const l of s.lists) {
          const def = m.scoring.lists.find((d) => d.id === l.id);
          for (const it of choices(m)) assert.equal(l.items.includes(it.id), onList(def, it, s.answers[it.id] || ""), `${l.id} ${it.id}`);
        }
        if (s.groups && s.counts) {
          for (const lv of m.levels) {
            assert.equal(s.groups.reduce((n, g) => n + count(g, lv.id), 0), count(s, lv.id));
          }
        }
      }
    });

    test(`${id}: no rubric is known by its id`, () => {
      const m = structuredClone(m0);
      const a = randomAnswers(m, 5);
      const renamed = { ...structuredClone(m0), id: "renamed" };
      assert.deepEqual({ ...summarise(renamed, a), rubric: id }, summarise(m, a));
    });
  }
});

// Issue 15: weights, not-applicable answers, reversed items, blanks and
// bands of the total. Each rule has a table of small models made here, so
// that a case says exactly what it tests; the published rubrics then show
// the rules together, on sources written elsewhere.

/** scored returns a model of choice items on a scale of levels given as
 * [id, value] (value null: not applicable), with a total. */
function scored(levels, items, more = {}) {
  return {
    id: "t", lang: "en", claimant: false,
    levels: levels.map(([id, value]) => (value === null ? { id, label: id.toUpperCase(), notApplicable: true } : { id, label: id.toUpperCase(), value })),
    items: items.map((it, i) => ({ id: `i${i + 1}`, title: `Item ${i + 1}`, type: "choice", ...it })),
    rules: more.rules || {},
    scoring: { total: true, counts: true, ...(more.scoring || {}) },
  };
}
const answers = (...ids) => Object.fromEntries(ids.map((a, i) => [`i${i + 1}`, a]).filter(([, a]) => a));
const lv4 = [["a", 3], ["b", 2], ["c", 1], ["d", 0]];

describe("weights: value × weight in the total and its maximum", () => {
  const cases = [
    { name: "no weights", items: [{}, {}], a: ["a", "c"], score: 4, max: 6 },
    { name: "a weight of 2.5", items: [{ weight: 2.5 }, {}], a: ["b", "c"], score: 6, max: 10.5 },
    { name: "a weight below 1", items: [{ weight: 0.5 }, { weight: 0.25 }], a: ["a", "a"], score: 2.25, max: 2.25 },
    { name: "weights of thirds, rounded to millionths", items: [{ weight: 0.333333 }, { weight: 0.333333 }, { weight: 0.333334 }], a: ["a", "a", "a"], score: 3, max: 3 },
    { name: "a weighted item left blank is in neither", items: [{ weight: 10 }, {}], a: ["", "a"], score: 3, max: 3 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const s = summarise(scored(lv4, c.items), answers(...c.a));
      assert.equal(s.total.score, c.score);
      assert.equal(s.total.max, c.max);
    });
  }
});

describe("not applicable: out of the total and its maximum, counted on its own, on no list", () => {
  const levels = [["yes", 2], ["partial", 1], ["no", 0], ["na", null]];
  const m = scored(levels, [{}, {}, {}, {}], { scoring: { lists: [{ id: "l", title: "L", levels: ["no", "na"] }] } });

  const cases = [
    { name: "none", a: ["yes", "partial", "no", "yes"], score: 5, max: 8, na: 0 },
    { name: "one", a: ["yes", "na", "no", "yes"], score: 4, max: 6, na: 1 },
    { name: "all", a: ["na", "na", "na", "na"], score: 0, max: 0, na: 4, scored: 0 },
    { name: "with a blank", a: ["na", "", "partial", "yes"], score: 3, max: 4, na: 1, blank: 1 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const s = summarise(m, answers(...c.a));
      assert.equal(s.total.score, c.score);
      assert.equal(s.total.max, c.max);
      assert.equal(s.total.scored, c.scored ?? 4 - c.na - (c.blank || 0));
      assert.equal(s.notApplicable, c.na);
      assert.equal(s.counts.find((x) => x.level === "na").count, c.na, "counted on its own");
      assert.equal(s.unanswered, c.blank || 0, "an N/A is an answer, not a blank");
      assert.ok(!s.lists[0].items.some((id) => s.answers[id] === "na"), "no list takes an N/A");
    });
  }

  test("a not-applicable level needs no value even when a total is asked for", () => {
    assert.ok(summarise(m, {}).total, "the total is given");
    assert.equal(levelName(m, undefined, "na"), "NA");
  });

  test("a rules.blank level that is not applicable leaves blanks out of the total", () => {
    const b = scored(levels, [{}, {}], { rules: { blank: "na" } });
    const s = summarise(b, answers("yes"));
    assert.deepEqual(s.blanked, ["i2"]);
    assert.deepEqual([s.total.score, s.total.max, s.notApplicable, s.unanswered], [2, 2, 1, 0]);
  });
});

describe("reversed items: highest + lowest − value over the valued levels", () => {
  const cases = [
    { name: "3 to 0", levels: lv4, a: { a: 0, b: 1, c: 2, d: 3 } },
    { name: "4 to 1", levels: [["a", 4], ["b", 3], ["c", 2], ["d", 1]], a: { a: 1, b: 2, c: 3, d: 4 } },
    { name: "uneven values", levels: [["a", 5], ["b", 1], ["c", 0]], a: { a: 0, b: 4, c: 5 } },
    { name: "values below zero", levels: [["a", 1], ["b", 0], ["c", -1]], a: { a: -1, b: 0, c: 1 } },
    { name: "a not-applicable level is no end of the scale", levels: [["a", 2], ["b", 1], ["na", null]], a: { a: 1, b: 2 } },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const m = scored(c.levels, [{ negative: true }]);
      for (const [level, want] of Object.entries(c.a)) {
        assert.equal(summarise(m, answers(level)).total.score, want, level);
      }
    });
  }

  test("a weighted reversed item: the reversed value times the weight", () => {
    const m = scored(lv4, [{ negative: true, weight: 1.5 }, {}]);
    assert.deepEqual(summarise(m, answers("c", "c")).total, { score: 4, max: 7.5, scored: 2 }); // (3 − 1) × 1.5 + 1; 3 × 1.5 + 3
  });

  test("lists still read negative_levels, not reversed values", () => {
    const m = scored(lv4, [{ negative: true }, {}], { scoring: { lists: [{ id: "l", title: "L", levels: ["d"], negativeLevels: ["a"] }] } });
    assert.deepEqual(summarise(m, answers("a", "d")).lists[0].items, ["i1", "i2"]);
  });
});

describe("blanks: totals cover the answered items; the summary says how many were left", () => {
  const m = scored(lv4, [{}, {}, {}, {}, {}]);

  test("four of five answered: out of the highest for four", () => {
    const s = summarise(m, answers("a", "b", "c", "d"));
    assert.deepEqual(s.total, { score: 6, max: 12, scored: 4 });
    assert.equal(s.unanswered, 1);
  });

  test("nothing answered: no item in the total, so no band", () => {
    const b = scored(lv4, [{}], { scoring: { bands: [{ min: 0, max: 3, label: "All" }] } });
    const s = summarise(b, {});
    assert.deepEqual(s.total, { score: 0, max: 0, scored: 0 });
  });

  test("a rules.blank level is an answer, in the total and its maximum", () => {
    const b = { ...scored(lv4, [{}, {}, {}]), rules: { blank: "c" } };
    const s = summarise(b, answers("a"));
    assert.deepEqual(s.blanked, ["i2", "i3"]);
    assert.deepEqual(s.total, { score: 5, max: 9, scored: 3 });
    assert.equal(s.unanswered, 0);
  });

  test("text items are never in the total", () => {
    const b = scored(lv4, [{}, { type: "text" }]);
    assert.deepEqual(summarise(b, { i1: "a", i2: "words" }).total, { score: 3, max: 3, scored: 1 });
  });
});

describe("bands: the first band with min ≤ total ≤ max, ends included", () => {
  const bands = [
    { min: 0, max: 14, label: "Low" },
    { min: 14.5, max: 25, label: "Middle" },
    { min: 25.25, max: 30, label: "High" },
  ];
  const m = { ...scored(lv4, []), scoring: { total: true, bands } };
  const cases = [
    [0, 0], [14, 0], [14.5, 1], [25, 1], [25.25, 2], [30, 2],
    [14.25, -1], [25.1, -1], [-0.5, -1], [30.5, -1],
  ];
  for (const [total, want] of cases) {
    test(`a total of ${total} is ${want < 0 ? "in no band" : "in " + bands[want].label}`, () => assert.equal(bandOf(m, total), want));
  }

  test("ties at an edge made of weights: 9 × 1.5 + 1 = 14.5 is in Middle, 14 × 1 in Low", () => {
    const w = scored(lv4, [...Array(9).fill({ weight: 1.5 }), {}], { scoring: { bands } });
    const s = summarise(w, answers(...Array(9).fill("c"), "c"));
    assert.equal(s.total.score, 14.5);
    assert.equal(s.total.band, 1);
    const s2 = summarise(scored(lv4, Array(14).fill({}), { scoring: { bands } }), answers(...Array(14).fill("c")));
    assert.deepEqual([s2.total.score, s2.total.band], [14, 0]);
  });

  test("0.1 + 0.2 is 0.3 at a band's edge, not 0.30000000000000004", () => {
    const t = scored([["a", 0.1], ["b", 0]], [{}, { weight: 2 }], { scoring: { bands: [{ min: 0, max: 0.3, label: "To 0.3" }, { min: 0.31, max: 1, label: "Above" }] } });
    const s = summarise(t, answers("a", "a"));
    assert.equal(s.total.score, 0.3);
    assert.equal(s.total.band, 0);
  });

  test("no band when the total falls in none", () => {
    const t = scored(lv4, [{}], { scoring: { bands: [{ min: 0, max: 1, label: "Low" }] } });
    assert.equal(summarise(t, answers("a")).total.band, undefined);
  });

  test("millionths round halves upwards, as the build does", () => {
    assert.equal(millionths(1, 0.0000005), 1);
    assert.equal(millionths(1, -0.0000005), 0);
    assert.equal(millionths(2.5, 3), 7500000);
    assert.equal(millionths(1 / 3, 1), 333333);
  });
});

describe("levels that share a label show their code", () => {
  const m = published["value-written-communication"];
  test("Milestones (3) and Milestones (2); Capstone alone has no code shown", () => {
    assert.equal(levelName(m, m.items[0], "milestone-3"), "Milestones (3)");
    assert.equal(levelName(m, m.items[0], "milestone-2"), "Milestones (2)");
    assert.equal(levelName(m, m.items[0], "capstone"), "Capstone");
    assert.equal(levelLabel(m, m.items[0], "milestone-3"), "Milestones");
  });
});

// The published rubrics, with answers worked by hand: the samples of the
// report that closes issue 15.
describe("published rubrics, totals worked by hand", () => {
  const ids = (m) => m.items.map((it) => it.id);
  const fill = (m, levels) => Object.fromEntries(ids(m).map((id, i) => [id, levels[i]]).filter(([, l]) => l));

  test("Rosenberg: the highest and the lowest respondent no longer both make 15", () => {
    const m = published["rosenberg-self-esteem"];
    // Items 2, 5, 6, 8 and 9 are reversed: SA=0 … SD=3 on them.
    const neg = new Set(["no-good", "not-proud", "useless", "more-respect", "failure"]);
    const highest = Object.fromEntries(ids(m).map((id) => [id, neg.has(id) ? "strongly-disagree" : "strongly-agree"]));
    const lowest = Object.fromEntries(ids(m).map((id) => [id, neg.has(id) ? "strongly-agree" : "strongly-disagree"]));
    let s = summarise(m, highest);
    assert.deepEqual([s.total.score, s.total.max, m.scoring.bands[s.total.band].label], [30, 30, "Above 25"]); // 10 × 3
    s = summarise(m, lowest);
    assert.deepEqual([s.total.score, s.total.max, m.scoring.bands[s.total.band].label], [0, 30, "Low self-esteem"]); // 10 × 0
    // All "Strongly agree": 5 × 3 on the plain items, 5 × 0 on the reversed = 15.
    s = summarise(m, Object.fromEntries(ids(m).map((id) => [id, "strongly-agree"])));
    assert.deepEqual([s.total.score, m.scoring.bands[s.total.band].label], [15, "Within normal range"]);
    // 1 A=2, 2 D→2, 3 SA=3, 4 A=2, 5 SD→3, 6 A→1, 7 A=2, 8 D→2, 9 SD→3, 10 D=1: 21.
    s = summarise(m, fill(m, ["agree", "disagree", "strongly-agree", "agree", "strongly-disagree", "agree", "agree", "disagree", "strongly-disagree", "disagree"]));
    assert.deepEqual([s.total.score, s.total.max, m.scoring.bands[s.total.band].label], [21, 30, "Within normal range"]);
    // 1 D=1, 2 A→1, 3 D=1, 4 D=1, 5 A→1, 6 SA→0, 7 D=1, 8 A→1, 9 A→1, 10 D=1: 9, and 14 at the band's edge.
    s = summarise(m, fill(m, ["disagree", "agree", "disagree", "disagree", "agree", "strongly-agree", "disagree", "agree", "agree", "disagree"]));
    assert.deepEqual([s.total.score, m.scoring.bands[s.total.band].label], [9, "Low self-esteem"]);
    s = summarise(m, fill(m, ["strongly-agree", "agree", "agree", "agree", "agree", "strongly-agree", "agree", "agree", "agree", "disagree"]));
    // 3 + 1 + 2 + 2 + 1 + 0 + 2 + 1 + 1 + 1 = 14
    assert.deepEqual([s.total.score, m.scoring.bands[s.total.band].label], [14, "Low self-esteem"]);
    assert.deepEqual(check(m, fill(m, ["agree"]), false, "").length, 9, "every statement is required");
  });

  test("VALUE written communication: four criteria of five, out of 16, not 20", () => {
    const m = published["value-written-communication"];
    const s = summarise(m, fill(m, ["capstone", "milestone-3", "milestone-2", "benchmark"]));
    assert.deepEqual(s.total, { score: 10, max: 16, scored: 4 }); // 4 + 3 + 2 + 1, of 4 × 4
    assert.equal(s.unanswered, 1);
    const z = summarise(m, fill(m, ["milestone-3", "milestone-3", "zero", "milestone-2", "benchmark"]));
    assert.deepEqual(z.total, { score: 9, max: 20, scored: 5 }); // 3 + 3 + 0 + 2 + 1; a zero is scored
  });

  test("SUS: contributions 0 to 4, even items reversed, the sum × 2.5, a blank at the centre", () => {
    const m = published["system-usability-scale"];
    // Positions 4 2 5 1 4 2 5 1 4 2: odd items p − 1 = 3 4 3 4 3, even 5 − p = 3 4 3 4 3; 34 × 2.5 = 85.
    let s = summarise(m, fill(m, ["4", "2", "5", "1", "4", "2", "5", "1", "4", "2"]));
    assert.deepEqual(s.total, { score: 85, max: 100, scored: 10 });
    // Positions 3 3 4 2 3 4 3 2 4 and 10 left blank (recorded as 3):
    // 2 2 3 3 2 1 2 3 3 2 = 23; 23 × 2.5 = 57.5.
    s = summarise(m, fill(m, ["3", "3", "4", "2", "3", "4", "3", "2", "4"]));
    assert.deepEqual(s.blanked, ["learn-a-lot"]);
    assert.deepEqual(s.total, { score: 57.5, max: 100, scored: 10 });
  });

  test("QualSyst: N/A leaves a criterion out of the total and of 28", () => {
    const m = published["qualsyst-quantitative"];
    // A study scored 2 2 2 1 N/A N/A N/A 2 2 1 1 2 2 2: 19 out of 28 − 3 × 2 = 22 (0.86).
    const s = summarise(m, fill(m, ["yes", "yes", "yes", "partial", "na", "na", "na", "yes", "yes", "partial", "partial", "yes", "yes", "yes"]));
    assert.deepEqual(s.total, { score: 19, max: 22, scored: 11 });
    assert.equal(s.notApplicable, 3);
    assert.equal(s.counts.find((c) => c.level === "na").count, 3);
    assert.deepEqual(check(m, fill(m, ["na"]), false, "").length, 13, "an N/A answers a required criterion");
  });

  test("every total the answers make falls in a band, as the build checked", () => {
    for (const m of Object.values(published)) {
      if (!m.scoring.bands) continue;
      for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
        const a = Object.fromEntries(m.items.map((it, i) => [it.id, m.levels[(seed * 7 + i * seed) % m.levels.length].id]));
        const s = summarise(m, a);
        assert.notEqual(s.total.band, undefined, `${m.id} seed ${seed}: ${s.total.score}`);
      }
    }
  });
});

// Distance travelled (issue 16): a claimant's form is never saved, so the
// Work Coach types the previous interview's letters from the paper copy,
// and the summary shows which way each statement moved.
describe("distance travelled: directions, and codes typed from the paper copy", () => {
  const cat = model("cat");
  const st = (n) => byId(cat, `statement-${n}`);

  test("direction by the scale's order, best first", () => {
    for (const [before, now, want] of [
      ["c", "b", "better"], ["b", "c", "worse"], ["d", "d", "same"], ["f", "a", "better"], ["a", "f", "worse"],
      [undefined, "a", undefined], ["a", undefined, undefined], ["", "a", undefined], ["g", "a", undefined], ["a", "A", undefined],
    ]) {
      assert.equal(direction(cat, st(1), before, now), want, `${before} → ${now}`);
    }
  });

  test("direction on every rubric of the handbook whose scale is ordered", () => {
    const q4 = model("qaf-4");
    const it = byId(q4, "marketing");
    assert.equal(direction(q4, it, "development", "ok"), "better");
    assert.equal(direction(q4, it, "best", "ok"), "worse");
    const csom = model("csom-observation");
    assert.equal(direction(csom, csom.items[0], "no", "yes"), "better");
    const qif = model("qif");
    assert.equal(direction(qif, qif.items[0], "shown", "not-yet"), "worse");
  });

  test("a negative item reverses the order; a text item has no direction", () => {
    const m = model("cat");
    const neg = { ...m.items[0], negative: true };
    assert.equal(direction(m, neg, "c", "b"), "worse");
    assert.equal(direction(m, neg, "b", "c"), "better");
    const q = model("quest-1");
    const text = q.items.find((it) => it.type === "text");
    assert.equal(direction(q, text, "Chef", "Cook"), undefined);
  });

  test("by value where the levels have values, reversed on negative items (SUS lists its worst level first)", () => {
    const sus = published["system-usability-scale"];
    const plain = byId(sus, "use-frequently"), neg = byId(sus, "unnecessarily-complex");
    assert.equal(direction(sus, plain, "2", "4"), "better");
    assert.equal(direction(sus, plain, "5", "1"), "worse");
    assert.equal(direction(sus, neg, "2", "4"), "worse");
    assert.equal(direction(sus, neg, "4", "4"), "same");
    const ros = published["rosenberg-self-esteem"];
    assert.equal(direction(ros, byId(ros, "satisfied"), "disagree", "agree"), "better");
    assert.equal(direction(ros, byId(ros, "no-good"), "disagree", "agree"), "worse");
  });

  test("a not-applicable answer has no direction", () => {
    const m = published["qualsyst-quantitative"];
    const it = m.items[0];
    assert.equal(direction(m, it, "na", "yes"), undefined);
    assert.equal(direction(m, it, "no", "na"), undefined);
    assert.equal(direction(m, it, "na", "na"), undefined);
    assert.equal(direction(m, it, "no", "partial"), "better");
  });

  test("which forms can be typed as codes", () => {
    assert.equal(coded(cat), true);
    assert.equal(coded(model("qaf-1")), true, "BP, OK, DN");
    assert.equal(coded(model("quest-1")), false, "No, To some extent, Yes, I'm not sure have no codes");
    assert.equal(coded(model("questionnaire")), false);
    assert.equal(coded(published["qualsyst-quantitative"]), true, "N/A needs no code");
  });

  test("a code in any case, with spaces around it", () => {
    assert.equal(codeLevel(cat, "B"), "b");
    assert.equal(codeLevel(cat, " e "), "e");
    assert.equal(codeLevel(cat, "G"), "");
    assert.equal(codeLevel(cat, ""), "");
    assert.equal(codeLevel(cat, "AB"), "");
    assert.equal(codeLevel(model("qaf-1"), "bp"), "best");
  });

  test("codes split letter by letter where every code is one letter, else at separators", () => {
    assert.deepEqual(splitCodes(cat, "BCADEBCFAB"), ["B", "C", "A", "D", "E", "B", "C", "F", "A", "B"]);
    assert.deepEqual(splitCodes(cat, "b c, a;d/e"), ["b", "c", "a", "d", "e"]);
    assert.deepEqual(splitCodes(cat, "  "), []);
    assert.deepEqual(splitCodes(model("qaf-1"), "BP OK,DN"), ["BP", "OK", "DN"]);
  });

  const ten = (s) => Object.fromEntries(Array.from(s).map((c, i) => [`statement-${i + 1}`, c.toLowerCase()]));
  for (const [name, text, want] of [
    ["ten letters", "BCADEBCFAB", { answers: ten("BCADEBCFAB") }],
    ["in lower case, spaced", "b c a d e b c f a b", { answers: ten("BCADEBCFAB") }],
    ["nothing typed", "", { answers: {} }],
    ["nine letters", "BCADEBCFA", { answers: ten("BCADEBCFA"), problem: { kind: "count", want: 10, got: 9 } }],
    ["eleven letters", "BCADEBCFABA", { answers: ten("BCADEBCFAB"), problem: { kind: "count", want: 10, got: 11 } }],
    ["a letter off the scale", "BCGDEBCFAB", { answers: { ...ten("BC"), ...Object.fromEntries(Array.from("DEBCFAB").map((c, i) => [`statement-${i + 4}`, c.toLowerCase()])) },
      problem: { kind: "code", want: 10, got: 10, at: 3, code: "G" } }],
    ["a wrong count is told before a wrong letter", "BXA", { answers: { "statement-1": "b", "statement-3": "a" }, problem: { kind: "count", want: 10, got: 3 } }],
  ]) {
    test(`readCodes: ${name}`, () => {
      assert.deepEqual(readCodes(cat, text), want);
    });
  }

  test("readCodes over codes of two letters (qaf-1)", () => {
    const m = model("qaf-1");
    const items = choices(m);
    const text = items.map((_, i) => ["BP", "ok", "DN"][i % 3]).join(" ");
    const r = readCodes(m, text);
    assert.equal(r.problem, undefined);
    assert.equal(r.answers[items[0].id], "best");
    assert.equal(r.answers[items[1].id], "ok");
    assert.equal(r.answers[items[2].id], "development");
    assert.deepEqual(readCodes(m, "BPOKDN").problem, { kind: "count", want: items.length, got: 1 });
  });
});
