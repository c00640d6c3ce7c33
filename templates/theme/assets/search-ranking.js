/* AI Engineering Atlas: how Material's search ranks what it finds. Runs inside its search worker.
 *
 * The build appends this file to Material's search worker (hooks/curriculum/search.py), so it
 * runs in the worker over http(s) and in the iframe that stands in for the worker from
 * file://, right after Material's code and before the first query, with nothing to load.
 *
 * Material turns every word of a query into a prefix ("product" becomes "product*"), so a
 * word inside a longer one ("Production") counts as much as the word itself, the small words
 * ("a*", "to*") match nearly every page, a typo finds nothing, and a page that holds one of
 * four words can come before the page that holds all four. Lunr, the search library inside
 * Material's worker, can do better once it is asked differently; Material asks it through
 * `lunr.Index.prototype.search(query)` with the query it has prepared, and this file answers
 * that call instead:
 *
 * - each word counts most as a whole word, far less as the start of a longer word (from
 *   three letters), and a little with one letter wrong, missing, extra or swapped (from five
 *   letters, so "transfomer" finds "transformer");
 * - small words ("what", "a", "does"; lunr's own list) count only as whole words and only a
 *   little: they tell "What a research engineer does" from other pages on research
 *   engineers, but find nothing by themselves;
 * - of the pages found, only those holding the most of the query's other words are kept
 *   (across a page and its sections): "attention is all you need" lists the pages on
 *   attention that also say "need", not every page that says either;
 * - the query's words found together in one entry (a title, a section) count far more
 *   than the same words scattered over a page;
 * - a page whose name is what the reader typed comes first: each page's entry in the index
 *   lists its `names` (its title alone, short name, id, aliases: hooks/curriculum/search.py),
 *   and the more of a name the query covers, and the more of the query the name holds,
 *   the higher the page, each word weighted by how rare it is in the index ("AI" counts
 *   for little in "AI Agents"). So "BERT" puts the paper BERT before RoBERTa, "agents" the
 *   phase AI Agents before Generative Agents, and "maths" the skill Mathematics first.
 *
 * Material still does the rest: the highlighting, the "Missing:" words, the grouping of
 * sections under their page and the final order. A query that uses lunr's own syntax
 * (+word, -word, "words", title:word, word~2, word^3) is left to Material as it was.
 *
 * Checked against mkdocs-material 9.8.1, like search-on-demand.js: it needs Material's worker
 * to expose lunr as `self.lunr`, to build its index with `lunr.Builder.prototype.add` from
 * the entries as the index file holds them, and to search through `Index.prototype.search`
 * (tests/test_search_ranking.py looks for these, and lunr's stemmer, in the pinned release).
 */
(() => {
  "use strict";

  const lunr = self.lunr;
  if (!lunr || !lunr.Index || !lunr.QueryParser || typeof lunr.stopWordFilter !== "function" || typeof lunr.stemmer !== "function") return;

  // Weights of one query word's forms. A title counts a thousand times its page's text
  // (Material's field boosts), so a whole word must count well over ten times a prefix for a
  // whole word in a title to come before the start of a longer word in another title.
  const WHOLE = 30;
  const PREFIX = 1;
  const NEAR = 0.5;
  const SMALL = 3;
  const PREFIX_FROM = 3; // letters
  const NEAR_FROM = 5;
  // How far a name the query is lifts its page: times 1 + NAMED * (share of the name covered
  // by the query * share of the query in the name) squared.
  const NAMED = 40;
  // How much more the query's words count found together in one entry (a page's title and
  // intro, or one of its sections) than scattered: times the share of them it holds, to
  // this power. A section on "scaled dot-product attention" comes before a title that only
  // says "Attention".
  const TOGETHER = 4;

  // Each page's names, and how many entries the index has, as Material builds the index.
  const namesOf = new Map();
  let entries = 0;
  const add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    entries += 1;
    if (Array.isArray(doc.names)) namesOf.set(doc[this._ref], doc.names);
    return add.call(this, doc, attributes);
  };

  const isSmallWord = (word) => lunr.stopWordFilter(new lunr.Token(word)) === undefined;

  // Whether `a` and `b` differ by at most one letter changed, added, removed, or two
  // neighbours swapped: what lunr's edit distance 1 matches.
  const near = (a, b) => {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
    const rest = (x, from) => x.slice(from);
    return (
      rest(a, i + 1) === rest(b, i + 1) || // changed
      rest(a, i + 1) === rest(b, i) || // one more in a
      rest(a, i) === rest(b, i + 1) || // one more in b
      (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2)) // swapped
    );
  };

  // A query word's stem (lunr's English stemmer: "become" -> "becom", "studies" -> "studi"),
  // so that it finds the other endings of the word ("becoming", "studying") as the start of
  // a longer word. The index itself keeps whole words (no stemming in its pipeline), so the
  // stem is a prefix of those endings. Only from five letters, where a stem says enough.
  const stems = new Map();
  const stemOf = (word) => {
    if (!stems.has(word)) stems.set(word, word.length >= NEAR_FROM ? lunr.stemmer(new lunr.Token(word)).toString() : word);
    return stems.get(word);
  };

  // Whether the indexed word `found` is one of the forms of the query word `word`.
  const isFormOf = (found, word) =>
    found === word ||
    (word.length >= PREFIX_FROM && found.startsWith(word)) ||
    (word.length >= NEAR_FROM && (near(found, word) || found.startsWith(stemOf(word))));

  // The words of a query as Material prepared it ("scaled* dot* product*"), or null when the
  // reader used lunr's syntax, which Material's own search keeps.
  const plainWords = (index, prepared) => {
    const query = new lunr.Query(index.fields);
    new lunr.QueryParser(prepared, query).parse();
    const words = [];
    for (const clause of query.clauses) {
      const word = clause.term.replace(/\*$/, "");
      const plain =
        clause.presence === lunr.Query.presence.OPTIONAL &&
        clause.fields.length === index.fields.length &&
        clause.boost === 1 &&
        !clause.editDistance &&
        word.length > 0 &&
        !word.includes("*");
      if (!plain) return null;
      words.push(word);
    }
    return words;
  };

  const wordsOf = (text) =>
    text
      .replace(/<[^>]*>/g, " ")
      .toLowerCase()
      .split(lunr.tokenizer.separator)
      .filter((word) => word && !isSmallWord(word));

  // How much a name is what the reader asked for, from 0 to 1: the share of its words (by
  // rarity) the query covers, times the share of the query's words (by rarity) it holds.
  const nameMatch = (index, name, query) => {
    const rarity = (word) => {
      const posting = index.invertedIndex[word];
      return posting ? lunr.idf(posting, entries) : Math.log(1 + 2 * entries);
    };
    const words = [...new Set(wordsOf(name))];
    if (!words.length) return 0;
    let covered = 0;
    let total = 0;
    for (const word of words) {
      total += rarity(word);
      if (query.some((asked) => isFormOf(word, asked))) covered += rarity(word);
    }
    let held = 0;
    let asked = 0;
    for (const word of query) {
      asked += rarity(word);
      if (words.some((found) => isFormOf(found, word))) held += rarity(word);
    }
    return (covered / total) * (held / asked);
  };

  const materialSearch = lunr.Index.prototype.search;

  lunr.Index.prototype.search = function (prepared) {
    let words;
    try {
      words = plainWords(this, prepared);
    } catch {
      words = null; // lunr could not parse it: Material reports it as it always has
    }
    if (!words || !words.length) return materialSearch.call(this, prepared);
    const unique = [...new Set(words)];
    const content = unique.filter((word) => !isSmallWord(word));
    const { TRAILING } = lunr.Query.wildcard;

    const results = this.query((query) => {
      for (const word of unique) {
        if (!content.includes(word)) {
          query.term(word, { boost: SMALL, usePipeline: false });
          continue;
        }
        query.term(word, { boost: WHOLE, usePipeline: false });
        if (word.length >= PREFIX_FROM) query.term(word, { boost: PREFIX, wildcard: TRAILING, usePipeline: false });
        if (word.length >= NEAR_FROM) query.term(word, { boost: NEAR, editDistance: 1, usePipeline: false });
        if (stemOf(word) !== word) query.term(stemOf(word), { boost: PREFIX, wildcard: TRAILING, usePipeline: false });
      }
    });
    if (!content.length) return results; // only small words: whole words, at least

    // The content words each result holds, and each page with its sections.
    const held = new Map();
    const byPage = new Map();
    for (const result of results) {
      const words = new Set();
      for (const found of Object.keys(result.matchData.metadata)) {
        for (const word of content) if (isFormOf(found, word)) words.add(word);
      }
      held.set(result, words);
      const page = result.ref.split("#")[0];
      const onPage = byPage.get(page) || new Set();
      for (const word of words) onPage.add(word);
      byPage.set(page, onPage);
    }
    const most = Math.max(0, ...[...byPage.values()].map((words) => words.size));
    // A page is also kept when the query holds the whole of one of its names of two words or
    // more: "how to become an AI engineer" keeps the path "AI Engineer", though the path
    // never says "become".
    const namedWhole = (result) =>
      (namesOf.get(result.ref) || []).some((name) => {
        const words = wordsOf(name);
        return words.length >= 2 && words.every((word) => content.some((asked) => isFormOf(word, asked)));
      });
    const kept = results.filter(
      (result) => held.get(result).size > 0 && (byPage.get(result.ref.split("#")[0]).size === most || namedWhole(result)),
    );
    for (const result of kept) {
      const names = namesOf.get(result.ref) || [];
      const best = Math.max(0, ...names.map((name) => nameMatch(this, name, content)));
      result.score *= (1 + NAMED * best * best) * (held.get(result).size / content.length) ** TOGETHER;
    }
    kept.sort((a, b) => b.score - a.score);
    // Material ranks a page by its best entry; a page whose sections share the query's words
    // counts them all there.
    const first = new Map();
    for (const result of kept) {
      const page = result.ref.split("#")[0];
      if (first.has(page)) first.get(page).total += result.score;
      else first.set(page, { result, total: result.score });
    }
    for (const { result, total } of first.values()) result.score = total;
    return kept.sort((a, b) => b.score - a.score);
  };
})();
