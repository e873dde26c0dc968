"""The one-event pipeline: articles about one event in, one extractive digest out.

options.py    DigestOptions, every setting of a digest
clean/        page furniture, bylines, captions and headings out of an article's text
segment.py    sentences, languages, sentence units
titles.py     titles before a name (Gov., Sra.) and state abbreviations the sentence splitter must know
versions.py   which documents are versions of one story (one outlet)
represent.py  the term space and the sentence similarities (the graph's edges)
semantic.py   sentence vectors of meaning (the optional `semantic` extra)
rank.py       PageRank over the sentence graph
select.py     sentences under the budget, each fact once
order.py      the reading order
pipeline.py   prepare() and summarize_prepared(): the stages in order
extract.py    what the pipeline reads of each article (`summarizer extract`)

It knows nothing of the differences between outlets or of the abstractive mode: summarizer.digest composes them.
"""
