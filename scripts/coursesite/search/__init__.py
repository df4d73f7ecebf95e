"""Site search that costs a reader nothing until they search, at any course size.

The built pages are indexed by Pagefind into one bundle per language; the index is split into
fragments by word prefix, so a query fetches only the few it needs. Chinese is segmented by jieba
with the course's own dictionary, at build time for the index and, through the same words, in the
browser for the query (`docs/javascripts/search-worker.js`), so course terms match whole.
"""
