// Unit tests of the scoring engine (static/js/assess/engine.ts) over the
// real models of the repository's rubrics. TestEngine (engine_test.go)
// transpiles the engine to engine.mjs, writes models.json from rubric.Load
// and rubric.JSON, and runs `node --test` on this file beside them, so the
// tests break when the YAML and the engine drift apart.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { summarise, check, progress, levelLabel, onList, chars, answerOf } from "./engine.mjs";

const models = JSON.parse(readFileSync(new URL("./models.json", import.meta.url), "utf8"));
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

  test("sums the values of the answers", () => {
    const m = valued();
    const s = summarise(m, { "active-listening": "best", questioning: "ok", feedback: "development" });
    assert.deepEqual(s.total, { score: 6, max: 3 * choices(m).length });
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
  for (const [id, m0] of Object.entries(models)) {
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
