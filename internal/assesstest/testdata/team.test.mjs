// Unit tests of the team view's logic (static/js/assess/team.ts) over the
// real models of the repository's rubrics: reading exported files, telling
// bad ones apart, and setting several people's answers side by side.
// TestEngine (engine_test.go) transpiles it to team.mjs beside models.json.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readExport, sizeProblem, personName, uniqueName, admit, same, tabulate, coded, cell, MAX_BYTES, MAX_FILES } from "./team.mjs";

const models = JSON.parse(readFileSync(new URL("./models.json", import.meta.url), "utf8"));
const model = (id) => {
  assert.ok(models[id], `no rubric ${id} in rubrics/`);
  return structuredClone(models[id]);
};
const choices = (m) => m.items.filter((it) => it.type === "choice");

// An export as the form writes it (io.ts record), with the answers given.
const exportOf = (m, answers, extra = {}) =>
  JSON.stringify({ format: "handbook-assess", version: 1, rubric: m.id, lang: m.lang, exported: "2026-11-24T10:00:00.000Z", answers, items: [], summary: {}, ...extra });

describe("reading exported files", () => {
  const m = model("qaf-1");
  const [a, b] = choices(m);

  const cases = [
    { name: "an export of this form", text: exportOf(m, { [a.id]: "best", [b.id]: "development" }), want: null },
    { name: "empty", text: "  \n", want: { kind: "empty" } },
    { name: "not JSON", text: "Name,Answer\nA,B\n", want: { kind: "json" } },
    { name: "JSON, not an export", text: JSON.stringify({ hello: "world" }), want: { kind: "format" } },
    { name: "a list", text: "[1, 2]", want: { kind: "format" } },
    { name: "no version", text: exportOf(m, {}, { version: undefined }), want: { kind: "format" } },
    { name: "another version", text: exportOf(m, {}, { version: 2 }), want: { kind: "version", version: "2" } },
    { name: "another form", text: exportOf(m, { [a.id]: "best" }, { rubric: "qaf-2" }), want: { kind: "rubric", rubric: "qaf-2" } },
    { name: "answers not an object", text: exportOf(m, "best"), want: { kind: "format" } },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const r = readExport(m, "alex.json", c.text);
      if (c.want === null) {
        assert.equal(r.problem, undefined);
        assert.equal(r.person.name, "alex");
        assert.deepEqual(r.person.answers, { [a.id]: "best", [b.id]: "development" });
        assert.equal(r.person.exported, "2026-11-24T10:00:00.000Z");
      } else {
        assert.equal(r.person, undefined);
        assert.deepEqual(r.problem, c.want);
      }
    });
  }

  test("keeps only the answers to the form's items, as text", () => {
    const r = readExport(m, "x.json", exportOf(m, { [a.id]: "ok", nope: "best", [b.id]: 3 }));
    assert.deepEqual(r.person.answers, { [a.id]: "ok" });
  });

  test("a file larger than an export can be is refused before it is read", () => {
    assert.equal(sizeProblem(MAX_BYTES), undefined);
    assert.deepEqual(sizeProblem(MAX_BYTES + 1), { kind: "size", size: MAX_BYTES + 1 });
  });

  test("a person is named by the file's name", () => {
    assert.equal(personName("Alex Example.json"), "Alex Example");
    assert.equal(personName("qaf-1-2026-11-24.JSON"), "qaf-1-2026-11-24");
    assert.equal(personName(".json"), ".json");
    assert.equal(uniqueName("alex", ["alex", "alex (2)", "sam"]), "alex (3)");
    assert.equal(uniqueName("sam", []), "sam");
  });
});

describe("holding several people", () => {
  const m = model("qaf-1");
  const [a] = choices(m);
  const read = (name, answers, exported = "2026-11-24T10:00:00.000Z") =>
    readExport(m, name, exportOf(m, answers, { exported }));

  test("a bad file changes nothing already open", () => {
    const people = [];
    assert.equal(admit(people, read("alex.json", { [a.id]: "best" })), undefined);
    assert.deepEqual(admit(people, readExport(m, "bad.json", "{")), { kind: "json" });
    assert.equal(people.length, 1);
    assert.equal(people[0].name, "alex");
  });

  test("the same export twice is one person; two files of one name are two", () => {
    const people = [];
    admit(people, read("alex.json", { [a.id]: "best" }));
    assert.deepEqual(admit(people, read("alex.json", { [a.id]: "best" })), { kind: "same" });
    assert.equal(admit(people, read("alex.json", { [a.id]: "ok" })), undefined);
    assert.deepEqual(people.map((p) => p.name), ["alex", "alex (2)"]);
    assert.ok(same(people[0], read("alex.json", { [a.id]: "best" }).person));
  });

  test(`at most ${MAX_FILES} files`, () => {
    const people = [];
    for (let i = 0; i < MAX_FILES; i++) assert.equal(admit(people, read(`p${i}.json`, {}, String(i))), undefined);
    assert.deepEqual(admit(people, read("one-more.json", {})), { kind: "count" });
    assert.equal(people.length, MAX_FILES);
  });
});

describe("the table of a team", () => {
  test("QAF 1: codes, counts by level, and the development needs most often first", () => {
    const m = model("qaf-1");
    const items = choices(m);
    const [x, y, z] = items;
    const team = tabulate(m, [
      { [x.id]: "best", [y.id]: "development", [z.id]: "development" },
      { [x.id]: "ok", [y.id]: "development" },
      { [x.id]: "development", [y.id]: "development", [z.id]: "ok" },
    ]);
    assert.equal(team.people, 3);
    assert.ok(team.coded, "QAF levels have codes");
    assert.equal(team.rows.length, items.length);
    const levels = m.levels.map((l) => l.id);
    const row = (it) => team.rows.find((r) => r.item.id === it.id);
    assert.deepEqual(row(x).levels, ["best", "ok", "development"]);
    assert.deepEqual(row(x).counts, levels.map(() => 1));
    assert.deepEqual(row(z).levels, ["development", "", "ok"]);
    assert.equal(row(z).counts[levels.indexOf("development")], 1);
    assert.equal(row(z).counts.reduce((s, n) => s + n, 0), 2, "an unanswered item counts at no level");
    // The development-need list, from the rubric's scoring lists.
    assert.equal(team.lists.length, m.scoring.lists.length);
    const needs = team.lists.find((l) => l.list.levels.includes("development"));
    assert.deepEqual(needs.items.map((r) => [r.item.id, r.count]), [[y.id, 3], [x.id, 1], [z.id, 1]]);
    assert.equal(cell(m, x, "best"), m.levels.find((l) => l.id === "best").code);
    assert.equal(cell(m, x, ""), "");
  });

  test("QAF 4: a relabelled level shows its code, the same in every row", () => {
    const m = model("qaf-4");
    const it = m.items.find((t) => t.id === "specialist-knowledge-current");
    assert.equal(cell(m, it, "best"), m.levels.find((l) => l.id === "best").code);
  });

  test("a checklist without codes shows its labels, and lists what is marked No", () => {
    const m = model("csom-observation");
    assert.equal(coded(m), false);
    const [a, b] = choices(m);
    const team = tabulate(m, [{ [a.id]: "no", [b.id]: "yes" }, { [a.id]: "no" }]);
    assert.equal(cell(m, a, "no"), "No");
    const no = team.lists[0];
    assert.deepEqual(no.items.map((r) => [r.item.id, r.count]), [[a.id, 2]]);
  });

  test("the framework's lists: not yet shown and partly shown", () => {
    const m = model("qif");
    const items = choices(m);
    const team = tabulate(m, [{ [items[0].id]: "not-yet", [items[1].id]: "partly" }, { [items[0].id]: "not-yet" }]);
    for (const l of team.lists) {
      for (const r of l.items) assert.ok(r.count > 0);
    }
    const first = team.lists.find((l) => l.list.levels.includes("not-yet"));
    assert.deepEqual(first.items.map((r) => [r.item.id, r.count]), [[items[0].id, 2]]);
  });

  test("nobody opened: every row empty, no list entries", () => {
    const m = model("qaf-2");
    const team = tabulate(m, []);
    assert.equal(team.people, 0);
    for (const r of team.rows) assert.deepEqual(r.levels, []);
    for (const l of team.lists) assert.deepEqual(l.items, []);
  });
});
