/* Search worker for Material's search box, answering its messages from a Pagefind bundle.
 *
 * Material starts this worker on every page and hands it `search/search_index.json`, which the course
 * plugin leaves with settings only (a few hundred bytes). Nothing else is fetched until the reader
 * types: then Pagefind's script and the index fragments the query needs, and the list of course words
 * for each character the query's Chinese starts with (`words/NN.json`), by which the query is cut
 * into the words the index was cut into at build time (jieba with the course dictionary).
 *
 * Material's protocol (integrations/search/worker/message): 0 setup, 1 ready, 2 query, 3 result.
 */
"use strict"

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
var SHARDS = 64           /* as coursesite/search/segment.py */
var RESULTS = 10          /* results whose excerpts are fetched */
var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g

var root = new URL("../", self.location.href)   /* this file is javascripts/search-worker.js */
var settings = null
var pagefind = null
var shards = {}
var latest = 0

addEventListener("message", function (event) {
  var message = event.data
  if (message.type === SETUP) {
    settings = message.data.config.pagefind
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    var ticket = ++latest
    search(message.data).then(function (result) {
      if (ticket === latest) postMessage({ type: RESULT, data: result })
    }, function (error) {
      console.warn("search failed:", error)
      if (ticket === latest) postMessage({ type: RESULT, data: { items: [] } })
    })
  }
})

function load() {
  if (!pagefind) {
    var bundle = new URL(settings.bundle, root)
    pagefind = import(new URL("pagefind.js", bundle).href).then(function (module) {
      return module.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
        return module
      })
    })
  }
  return pagefind
}

/* CRC-32 of the character's UTF-8 bytes, modulo SHARDS: the shard its words are in. */
function shard(character) {
  var bytes = new TextEncoder().encode(character), crc = -1
  for (var i = 0; i < bytes.length; i++) {
    crc ^= bytes[i]
    for (var k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xEDB88320 & -(crc & 1))
  }
  return ((crc ^ -1) >>> 0) % SHARDS
}

function words(character) {
  var key = shard(character)
  if (!(key in shards)) {
    var name = (key < 10 ? "0" : "") + key + ".json"
    shards[key] = fetch(new URL(settings.words + name, new URL(settings.bundle, root)))
      .then(function (response) { return response.ok ? response.json() : [] })
      .catch(function () { return [] })
  }
  return shards[key]
}

/* A run of Han characters cut by longest match against the index's own words. */
async function cut(run) {
  var parts = []
  for (var i = 0; i < run.length;) {
    var known = await words(run[i]), best = run[i]
    for (var w = 0; w < known.length; w++)
      if (known[w].length > best.length && run.startsWith(known[w], i)) { best = known[w]; break }
    parts.push(best)
    i += best.length
  }
  return parts
}

async function terms(query) {
  if (!settings.unsegmented) return query
  var runs = query.match(HAN) || []
  var cuts = await Promise.all(runs.map(cut))
  var n = 0
  return query.replace(HAN, function () { return " " + cuts[n++].join(" ") + " " })
    .replace(/\s+/g, " ").trim()
}

async function search(query) {
  query = query.trim()
  if (!query) return { items: [] }
  var module = await load()
  var cutQuery = await terms(query)
  var found = await module.search(cutQuery)
  if (!found.results.length && cutQuery !== query) {
    /* The longest words may have been cut otherwise in the text: try the pieces. */
    found = await module.search(cutQuery.replace(HAN, function (run) { return run.split("").join(" ") }))
  }
  var data = await Promise.all(found.results.slice(0, RESULTS).map(function (r) { return r.data() }))
  var matched = {}
  cutQuery.split(" ").forEach(function (term) { if (term) matched[term] = true })
  return { items: data.map(function (page, n) { return item(page, found.results[n].score, matched) }) }
}

/* Material's result: the page first, then its sections, best first by how many of the query's words
 * each holds (Material shows those that score as the page does, and folds the rest). */
function item(page, score, matched) {
  var title = text(page.meta.title || page.url)
  if (page.meta.fallback) title += escape(settings.fallback)
  var group = [{ location: address(page.url), title: title, text: joined(page.excerpt), score: score, terms: matched }]
  var sections = page.sub_results.filter(function (section) {
    return section.url !== page.url && section.title !== page.meta.title  /* the page itself, or its H1 */
  })
  var best = Math.max.apply(null, sections.map(hits).concat([1]))
  sections.sort(function (a, b) { return hits(b) - hits(a) }).forEach(function (section) {
    group.push({
      location: address(section.url), title: text(section.title), text: joined(section.excerpt),
      score: score * hits(section) / best, terms: matched
    })
  })
  return group
}

function hits(section) {
  return (section.locations || []).length
}

/* Result addresses relative to the site root, as Material resolves them against its base. */
function address(url) {
  var path = new URL(url, root).pathname + new URL(url, root).hash
  return path.startsWith(root.pathname) ? path.slice(root.pathname.length) : path
}

/* Titles are plain text: escaped, and the spaces the index put between Han words taken out. */
function text(value) {
  return joined(escape(value))
}

function escape(value) {
  return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
}

/* Excerpts are Pagefind's HTML (text escaped, matches in <mark>): join Han words again. */
function joined(html) {
  return String(html || "").replace(
    /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])((?:<\/?mark>)?) ((?:<\/?mark>)?)(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])/g,
    "$1$2$3")
}
