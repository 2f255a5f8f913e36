// The chorus page: collects articles, asks the server for an attributed summary, shows the
// sources side by side and highlights where each summary sentence comes from; or groups
// the articles into stories first and shows a chosen story's summary the same way.
//
// Offsets in the API are UTF-8 byte offsets into each document's text; JavaScript strings
// index UTF-16 code units, so every span is converted before it is used (utf16Index).
// The API names the documents that corroborate a sentence; which sentence in each of them
// does so is found here, as the most similar sentence by word overlap (bestMatch), unless
// the answer carries the exact span in an optional `support` list. Disagreements (figures
// and quotes stated differently) carry exact spans for every value.
'use strict';

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

// ---- articles ------------------------------------------------------------------------

let articleCount = 0;

function looksLikeHtml(name, text) {
  return /\.html?$/i.test(name || '') ||
    /^\s*<(!doctype\s+html|html|head|body|article|main|div|p)\b/i.test(text);
}

function addArticle(name, text) {
  articleCount += 1;
  const node = $('#article-template').content.firstElementChild.cloneNode(true);
  $('.article-id', node).value = name || `article-${articleCount}`;
  $('.article-date', node).value = '';
  const area = $('.article-text', node);
  area.value = text || '';
  const kind = $('.article-kind', node);
  const updateKind = () => {
    kind.textContent = area.value.trim() === '' ? '' :
      looksLikeHtml($('.article-id', node).value, area.value) ? 'HTML' : 'text';
  };
  area.addEventListener('input', updateKind);
  $('.article-id', node).addEventListener('input', updateKind);
  $('.remove', node).addEventListener('click', () => node.remove());
  updateKind();
  $('#articles').appendChild(node);
  return node;
}

async function addFiles(files) {
  for (const file of files) {
    const text = await file.text();
    // Fill an empty box first, so dropping two files on a fresh page gives two articles.
    const empty = $$('.article').find((a) => $('.article-text', a).value.trim() === '');
    if (empty) {
      $('.article-id', empty).value = file.name;
      $('.article-text', empty).value = text;
      $('.article-text', empty).dispatchEvent(new Event('input'));
    } else {
      addArticle(file.name, text);
    }
  }
}

function collectArticles() {
  const seen = new Map();
  const out = [];
  for (const node of $$('.article')) {
    const content = $('.article-text', node).value;
    if (content.trim() === '') continue;
    let id = $('.article-id', node).value.trim() || `article-${out.length + 1}`;
    // Ids must be unique within a request.
    const n = (seen.get(id) || 0) + 1;
    seen.set(id, n);
    if (n > 1) id = `${id} (${n})`;
    const date = $('.article-date', node).value.trim();
    out.push({ id, content, date, html: looksLikeHtml(id, content) });
  }
  return out;
}

// ---- API -----------------------------------------------------------------------------

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  let data = null;
  try {
    data = await response.json();
  } catch (_) {
    throw new Error(`${path}: HTTP ${response.status}`);
  }
  if (!response.ok) {
    throw new Error(`${data.error || 'request failed'} (${data.code || response.status})`);
  }
  return data;
}

function setStatus(text, isError) {
  const status = $('#status');
  status.textContent = text;
  status.classList.toggle('error', !!isError);
}

let current = null; // { summary, docs, selected }

async function summarize(event) {
  event.preventDefault();
  const articles = collectArticles();
  if (articles.length === 0) {
    setStatus('Paste or drop at least one article first.', true);
    return;
  }
  const button = $('#summarize');
  button.disabled = true;
  setStatus('Summarizing…');
  try {
    const docs = await readArticles(articles);
    const length = Math.max(1, parseInt($('#length').value, 10) || 100);
    const request = {
      documents: docs.map((d) => {
        const o = { id: d.id, text: d.text };
        if (d.headline) o.headline = d.headline;
        if (d.date) o.date = d.date;
        return o;
      }),
      method: $('#method').value,
      compress: $('#compress').checked,
    };
    request[$('#unit').value] = length;
    const query = $('#query').value.trim();
    if (query) request.query = query;
    const summary = await post('/v1/summarize', request);
    current = { summary, docs, selected: -1 };
    $('#stories').hidden = true;
    renderSummary();
    setStatus('');
  } catch (err) {
    setStatus(err.message, true);
  } finally {
    button.disabled = false;
  }
}

// HTML pages are read by the server first, so the page can show (and highlight in) exactly
// the text the summary's offsets point into. A date typed beside an article wins over the
// page's own.
async function readArticles(articles) {
  const docs = [];
  for (const a of articles) {
    if (a.html) {
      const doc = await post('/v1/extract', { id: a.id, html: a.content });
      docs.push({
        id: doc.id, text: doc.text, headline: doc.headline, date: a.date || doc.date,
        url: doc.url, site: doc.site,
      });
    } else {
      docs.push({ id: a.id, text: a.content, date: a.date || undefined });
    }
  }
  return docs;
}

// ---- stories -------------------------------------------------------------------------

let storyState = null; // { answer, docs }

async function findStories() {
  const articles = collectArticles();
  if (articles.length === 0) {
    setStatus('Paste or drop articles first.', true);
    return;
  }
  const button = $('#find-stories');
  button.disabled = true;
  setStatus('Finding stories…');
  try {
    const docs = await readArticles(articles);
    // A page's outlet is its URL's host, else its site name, as `chorus stories` reads it.
    const request = {
      articles: docs.map((d) => {
        const o = { id: d.id, text: d.text };
        if (d.headline) o.title = d.headline;
        if (d.date) o.date = d.date;
        if (d.url) o.url = d.url;
        else if (d.site) o.source = d.site;
        return o;
      }),
      method: $('#method').value,
      min_sources: Math.max(1, parseInt($('#min-sources').value, 10) || 2),
    };
    if ($('#unit').value === 'words') {
      request.words = Math.max(1, parseInt($('#length').value, 10) || 100);
    }
    const answer = await post('/v1/stories', request);
    storyState = { answer, docs };
    renderStories();
    const errors = answer.errors || [];
    setStatus(errors.length ? `${errors.length} article(s) left out: ${errors.join('; ')}` : '',
      errors.length > 0);
  } catch (err) {
    setStatus(err.message, true);
  } finally {
    button.disabled = false;
  }
}

function renderStories() {
  const { answer, docs } = storyState;
  const stories = answer.stories;
  $('#stories-meta').textContent =
    `${stories.length} ${stories.length === 1 ? 'story' : 'stories'} from ${docs.length} articles`;
  const list = $('#story-list');
  list.replaceChildren();
  if (stories.length === 0) {
    list.append(el('li', { class: 'empty' },
      'No story has that many independent sources; lower “Min. sources” to see smaller ones.'));
  }
  stories.forEach((story, i) => {
    const dates = story.first_seen === story.last_seen ?
      story.first_seen : `${story.first_seen} – ${story.last_seen}`;
    const item = el('li', { class: 'story', tabindex: '0', 'data-story': story.id },
      el('span', { class: 'story-title' }, story.title),
      el('span', { class: 'story-meta' },
        `${story.independent_sources} independent sources · ${story.outlet_count} outlets ` +
        `(${story.outlets.join(', ')}) · ${story.articles.length} articles · ${dates}`));
    item.addEventListener('click', () => selectStory(i));
    item.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        selectStory(i);
      }
    });
    list.append(item);
  });
  $('#result').hidden = true;
  $('#sources').hidden = true;
  $('#stories').hidden = false;
}

// A story's summary over its origins (its sentences' sources are origin ids), with the
// origins as the source columns, each naming the outlets that ran it.
function selectStory(i) {
  const { answer, docs } = storyState;
  const story = answer.stories[i];
  $$('#story-list .story').forEach((li, j) => li.classList.toggle('active', j === i));
  if (!story.summary) {
    setStatus(story.summary_error || 'This story has no summary.', !!story.summary_error);
    return;
  }
  const byId = new Map(docs.map((d) => [d.id, d]));
  const extracted = new Map((story.summary.documents || []).map((d) => [d.id, d.text]));
  const origins = story.origins
    .filter((o) => byId.has(o.id))
    .map((o) => ({
      id: o.id,
      text: extracted.get(o.id) || byId.get(o.id).text,
      headline: `${o.outlets.join(', ')}${o.articles.length > 1 ? ` · ${o.articles.length} copies` : ''}`,
    }));
  current = { summary: story.summary, docs: origins, selected: -1 };
  renderSummary();
  setStatus('');
}

// ---- rendering -----------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function renderSummary() {
  const { summary, docs } = current;
  const number = new Map(docs.map((d, i) => [d.id, i + 1]));
  $('#summary-meta').textContent =
    `${summary.words} words · ${summary.method} · ${summary.sentences.length} sentences`;
  const list = $('#summary');
  list.replaceChildren();
  summary.sentences.forEach((s, i) => {
    // A sentence opening a new paragraph (a new sub-topic) is set apart.
    const opens = i > 0 && (s.paragraph || 0) !== (summary.sentences[i - 1].paragraph || 0);
    const item = el('li', {
      class: opens ? 'sentence paragraph-start' : 'sentence', tabindex: '0', 'data-index': String(i),
    });
    item.append(s.author ? `“${s.text}” — ${s.author}` : s.text, ' ');
    item.append(el('span', { class: 'cite own', title: `from ${s.doc}` }, `[${number.get(s.doc)}]`));
    for (const src of s.sources) {
      item.append(el('span', { class: 'cite support', title: `also in ${src}` }, `[${number.get(src)}]`));
    }
    // A sentence stating one side of a disagreement says so, with the other side.
    for (const d of s.disputed || []) {
      const others = d.others.join('; ');
      item.append(el('span', { class: `disputed ${d.verdict}`, title: `other sources: ${others}` },
        `${d.verdict === 'update' ? 'updated' : 'disputed'}: ${others}`));
    }
    item.addEventListener('click', () => select(i));
    item.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select(i);
      }
    });
    list.append(item);
  });
  const sources = $('#sources');
  sources.replaceChildren();
  docs.forEach((d, i) => {
    const body = el('div', { class: 'doc-text' }, d.text);
    const head = el('h3', {}, `[${i + 1}] `, el('span', { class: 'doc-id' }, d.id));
    if (d.headline) head.append(el('small', {}, d.headline));
    sources.append(el('article', { class: 'doc', 'data-doc': d.id }, head, body));
  });
  renderDiffer();
  $('#result').hidden = false;
  sources.hidden = false;
}

// The "Where sources differ" panel: each disputed figure or quote with its values; a value,
// clicked, is highlighted in every source stating it, the other values beside it.
function renderDiffer() {
  const { summary } = current;
  const panel = $('#differ');
  const list = $('#differ-list');
  list.replaceChildren();
  if (!Array.isArray(summary.disagreements)) {
    // The server compared no claims (an older server, or "claims": false).
    panel.hidden = true;
    return;
  }
  const a = summary.agreements || { figures: 0, quotes: 0 };
  const plural = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;
  $('#agreements').textContent =
    `Stated alike by two or more independent sources: ${plural(a.figures, 'figure')}, ` +
    `${plural(a.quotes, 'quote')}.` +
    (summary.disagreements.length === 0 ? ' No figure or quote is stated differently.' : '');
  summary.disagreements.forEach((g, gi) => {
    const item = el('li', { class: 'group', 'data-group': String(gi) },
      el('span', { class: `verdict ${g.verdict}` }, g.verdict), `${g.about}: `);
    g.values.forEach((v, vi) => {
      const docs = [...new Set(v.sources.map((x) => x.doc))].join(', ');
      const label = v.speaker ? `${v.speaker}: “${v.value}”` : v.value;
      const button = el('button', {
        type: 'button', class: 'claim-value', 'data-group': String(gi), 'data-value': String(vi),
        title: `stated in ${docs}`,
      }, label, el('small', {}, docs));
      button.addEventListener('click', () => selectClaim(gi, vi));
      item.append(button);
    });
    list.append(item);
  });
  panel.hidden = false;
}

function selectClaim(gi, vi) {
  const { summary, docs } = current;
  const group = summary.disagreements[gi];
  current.selected = -1;
  $$('#summary .sentence').forEach((li) => li.classList.remove('active'));
  $$('#differ .claim-value').forEach((b) => b.classList.toggle('active',
    b.dataset.group === String(gi) && b.dataset.value === String(vi)));
  for (const d of docs) {
    const node = $$('#sources .doc').find((n) => n.dataset.doc === d.id);
    if (!node) continue;
    const at = utf16Index(d.text);
    const marks = [];
    group.values.forEach((v, j) => {
      for (const src of v.sources) {
        if (src.doc !== d.id) continue;
        const ua = at(src.start);
        const ub = at(src.end);
        if (ua !== null && ub !== null) {
          marks.push({ range: [ua, ub], cls: j === vi ? 'claim' : 'claim-other' });
        }
      }
    });
    paint(node, d.text, marks);
  }
}

// Byte offset -> UTF-16 index for `text` (the API counts UTF-8 bytes).
function utf16Index(text) {
  const map = new Map();
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    map.set(bytes, i);
    const cp = text.codePointAt(i);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  map.set(bytes, text.length);
  return (b) => (map.has(b) ? map.get(b) : null);
}

const STOP = new Set(('the and for that with was were are has have had not but from this its his her ' +
  'they their them said says will would been into than then there which who whom what when ' +
  'where also after before about over more most some such only other our out one two all any ' +
  'can could may might should very you your she him our ours mr mrs ms').split(' '));

function terms(text) {
  const counts = new Map();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []) {
    if (w.length < 3 || STOP.has(w)) continue;
    // A light suffix strip, so "forced" meets "forcing" and "homes" meets "home".
    const t = w.length > 4 ? w.replace(/(ing|ed|es|s)$/, '') : w;
    counts.set(t, (counts.get(t) || 0) + 1);
  }
  return counts;
}

function cosine(a, b) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, c] of a) {
    na += c * c;
    if (b.has(w)) dot += c * b.get(w);
  }
  for (const c of b.values()) nb += c * c;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

// Sentence-like pieces of `text` as [start, end) UTF-16 ranges (for highlighting only).
function sentenceRanges(text) {
  const out = [];
  const re = /\S[\s\S]*?(?:[.!?]+["'”’)\]]*(?=\s|$)|(?=\n\s*\n)|$)/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex += 1;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

// The sentence of `docText` most similar to `sentence`, as a UTF-16 range, or null.
// Lines without closing punctuation (headlines, captions) are only candidates when there
// is nothing else: chorus's cleaning drops them, so they never corroborate anything.
function bestMatch(docText, sentence) {
  const target = terms(sentence);
  const ranges = sentenceRanges(docText);
  const closed = ranges.filter(([a, b]) => /[.!?]["'”’)\]]*$/.test(docText.slice(a, b)));
  let best = null;
  let bestScore = 0;
  for (const [a, b] of closed.length ? closed : ranges) {
    const score = cosine(target, terms(docText.slice(a, b)));
    if (score > bestScore) {
      bestScore = score;
      best = [a, b];
    }
  }
  return best;
}

// Rebuilds a document's text with <mark>s over the given UTF-16 ranges.
function paint(docNode, text, marks) {
  const body = $('.doc-text', docNode);
  const sorted = marks.filter((m) => m.range).sort((x, y) => x.range[0] - y.range[0]);
  body.replaceChildren();
  let at = 0;
  for (const m of sorted) {
    const [a, b] = m.range;
    if (a < at) continue; // overlapping marks: keep the first
    body.append(text.slice(at, a));
    body.append(el('mark', { class: m.cls }, text.slice(a, b)));
    at = b;
  }
  body.append(text.slice(at));
  docNode.classList.toggle('involved', sorted.length > 0);
  const first = $('mark', body);
  if (first) {
    body.scrollTop = Math.max(0, first.offsetTop - body.clientHeight / 3);
  }
}

function select(i) {
  const { summary, docs } = current;
  current.selected = i;
  const s = summary.sentences[i];
  $$('#summary .sentence').forEach((li, j) => li.classList.toggle('active', j === i));
  $$('#differ .claim-value').forEach((b) => b.classList.remove('active'));
  for (const d of docs) {
    const node = $$('#sources .doc').find((n) => n.dataset.doc === d.id);
    if (!node) continue;
    const marks = [];
    if (d.id === s.doc) {
      const at = utf16Index(d.text);
      for (const [a, b] of s.spans) {
        const ua = at(a);
        const ub = at(b);
        if (ua !== null && ub !== null) marks.push({ range: [ua, ub], cls: 'own' });
      }
    } else if (s.sources.includes(d.id)) {
      const exact = (s.support || []).find((x) => x.doc === d.id);
      let range = null;
      if (exact) {
        const at = utf16Index(d.text);
        const ua = at(exact.start);
        const ub = at(exact.end);
        if (ua !== null && ub !== null) range = [ua, ub];
      }
      marks.push({ range: range || bestMatch(d.text, s.text), cls: 'support' });
    }
    paint(node, d.text, marks);
  }
}

// ---- wiring --------------------------------------------------------------------------

function init() {
  addArticle();
  addArticle();
  $('#add-article').addEventListener('click', () => $('.article-text', addArticle()).focus());
  // Enter in a field submits the form; in "Min. sources", the stories field, it finds stories.
  $('#settings').addEventListener('submit', (e) => {
    if (document.activeElement === $('#min-sources')) {
      e.preventDefault();
      findStories();
    } else {
      summarize(e);
    }
  });
  $('#find-stories').addEventListener('click', findStories);
  $('#files').addEventListener('change', (e) => addFiles(e.target.files));
  const zone = $('#dropzone');
  // Files dropped anywhere on the page are taken, so a near miss does not navigate away.
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  document.addEventListener('dragleave', (e) => {
    if (e.target === document.documentElement || e.target === zone) zone.classList.remove('over');
  });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer && e.dataTransfer.files.length) addFiles(e.dataTransfer.files);
  });
}

document.addEventListener('DOMContentLoaded', init);
