// End-to-end test of the page `chorus serve` embeds, in Debian's headless Chromium driven
// by playwright-core. Started by scripts/test.d/browser.sh, which runs the server:
//
//   node page.test.mjs --url http://127.0.0.1:PORT --examples DIR --screenshot FILE
//
// It does what a person does: pastes two articles, summarizes, clicks a summary sentence
// and looks at the highlighted sources; then adds an HTML file; then changes a figure in one
// article and clicks it in "Where sources differ"; then finds the stories of a stream of
// pages and opens one; then asks for too much.
// Prints one line per check and closes with `N passed, N failed`; exits 1 on any failure.

import fs from 'node:fs';
import path from 'node:path';
import playwright from 'playwright-core';

const { chromium } = playwright;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const base = arg('url');
const examples = arg('examples');
const screenshot = arg('screenshot');
const executablePath = arg('chromium', '/usr/bin/chromium');
if (!base || !examples || !screenshot) {
  console.error('usage: node page.test.mjs --url URL --examples DIR --screenshot FILE');
  process.exit(2);
}

const files = fs.readdirSync(examples).filter((f) => f.endsWith('.txt')).sort();
const article = (f) => fs.readFileSync(path.join(examples, f), 'utf8');

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed += 1;
    console.log(`FAIL - ${name}: ${err && err.message ? err.message : err}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// UTF-8 byte spans -> the text they cover, as the server counts them.
function spanText(text, spans) {
  const bytes = Buffer.from(text, 'utf8');
  return spans.map(([a, b]) => bytes.subarray(a, b).toString('utf8'));
}

const browser = await chromium.launch({
  executablePath,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(20000);
const consoleErrors = [];
page.on('console', (m) => {
  if (m.type() === 'error') consoleErrors.push(m.text());
});
page.on('pageerror', (e) => consoleErrors.push(String(e)));
const foreign = [];
page.on('request', (r) => {
  const u = r.url();
  if (!u.startsWith(base) && !u.startsWith('data:')) foreign.push(u);
});

let summary = null; // the API's answer, as the page received it
const docs = files.slice(0, 2).map((f) => ({ id: f, text: article(f) }));

try {
  await check('the page loads with its script and style, offline', async () => {
    const response = await page.goto(`${base}/`);
    assert(response && response.ok(), `GET / answered ${response && response.status()}`);
    assert((await page.title()).includes('chorus'), 'title lacks chorus');
    await page.waitForSelector('.article-text');
    const boxes = await page.locator('.article-text').count();
    assert(boxes === 2, `expected two empty article boxes, found ${boxes}`);
    const bg = await page.$eval('#summarize', (b) => getComputedStyle(b).backgroundColor);
    assert(bg !== 'rgba(0, 0, 0, 0)', 'style sheet not applied');
  });

  await check('two pasted articles give an attributed summary', async () => {
    for (let i = 0; i < 2; i += 1) {
      await page.locator('.article-id').nth(i).fill(docs[i].id);
      await page.locator('.article-text').nth(i).fill(docs[i].text);
    }
    await page.fill('#length', '80');
    await page.selectOption('#method', 'lexrank');
    const answer = page.waitForResponse((r) => r.url().endsWith('/v1/summarize'));
    await page.click('#summarize');
    const response = await answer;
    assert(response.status() === 200, `summarize answered ${response.status()}`);
    summary = await response.json();
    await page.waitForSelector('#summary li.sentence');
    const items = page.locator('#summary li.sentence');
    const n = await items.count();
    assert(n === summary.sentences.length && n > 0, `${n} items for ${summary.sentences.length} sentences`);
    for (let i = 0; i < n; i += 1) {
      const shown = await items.nth(i).innerText();
      assert(shown.includes(summary.sentences[i].text), `item ${i} does not show its sentence`);
      assert((await items.nth(i).locator('.cite.own').count()) === 1, `item ${i} has no source citation`);
    }
    const meta = await page.innerText('#summary-meta');
    assert(meta.includes(`${summary.words} words`), `meta says ${meta}`);
    const columns = await page.locator('#sources .doc').count();
    assert(columns === 2, `expected 2 source columns, found ${columns}`);
  });

  await check('clicking a sentence highlights it and its corroboration in the sources', async () => {
    assert(summary, 'no summary');
    let i = summary.sentences.findIndex((s) => s.sources.length > 0);
    assert(i >= 0, 'no summary sentence is corroborated by the other article');
    const s = summary.sentences[i];
    await page.locator('#summary li.sentence').nth(i).click();
    assert(
      await page.locator('#summary li.sentence').nth(i).evaluate((e) => e.classList.contains('active')),
      'clicked sentence not marked active',
    );
    const own = page.locator(`#sources .doc[data-doc="${s.doc}"] mark.own`);
    const ownTexts = await own.allInnerTexts();
    const expected = spanText(docs.find((d) => d.id === s.doc).text, s.spans);
    assert(
      JSON.stringify(ownTexts) === JSON.stringify(expected),
      `own marks ${JSON.stringify(ownTexts)} != spans ${JSON.stringify(expected)}`,
    );
    for (const src of s.sources) {
      const support = page.locator(`#sources .doc[data-doc="${src}"] mark.support`);
      assert((await support.count()) === 1, `no corroborating sentence highlighted in ${src}`);
      const t = await support.innerText();
      assert(t.trim().length > 20, `corroborating highlight too short: ${JSON.stringify(t)}`);
    }
    await page.screenshot({ path: screenshot, fullPage: true });
  });

  await check('every sentence, clicked in turn, highlights exactly its own byte spans', async () => {
    const n = summary.sentences.length;
    assert(n > 1, 'need two summary sentences');
    // Articles hold curly quotes and dashes (multi-byte in UTF-8), so this also checks the
    // byte-offset to UTF-16 conversion of sentences that come after them.
    for (let j = 0; j < n; j += 1) {
      const s = summary.sentences[j];
      await page.locator('#summary li.sentence').nth(j).click();
      const active = await page.locator('#summary li.sentence.active').count();
      assert(active === 1, `${active} sentences active after clicking ${j}`);
      const own = await page.locator('#sources mark.own').allInnerTexts();
      const expected = spanText(docs.find((d) => d.id === s.doc).text, s.spans);
      assert(JSON.stringify(own) === JSON.stringify(expected),
        `sentence ${j}: marks ${JSON.stringify(own)} != spans ${JSON.stringify(expected)}`);
      const support = await page.locator('#sources mark.support').count();
      assert(support === s.sources.length, `sentence ${j}: ${support} marks for ${s.sources.length} sources`);
    }
    const multibyte = summary.sentences.some((s) => {
      const text = docs.find((d) => d.id === s.doc).text;
      const before = Buffer.from(text, 'utf8').subarray(0, s.start).toString('utf8');
      return before.length !== Buffer.byteLength(before, 'utf8');
    });
    assert(multibyte, 'no summary sentence comes after a multi-byte character; the check is weaker than meant');
  });

  await check('an HTML file is read by the server and shown as its article text', async () => {
    const third = files[2];
    const paragraphs = article(third)
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
      .join('\n');
    const html = `<!doctype html><html><head><title>Evening Post</title></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1>Harbor fire</h1>${paragraphs}</article>
<footer>All rights reserved.</footer></body></html>`;
    await page.setInputFiles('#files', {
      name: 'evening-post.html',
      mimeType: 'text/html',
      buffer: Buffer.from(html, 'utf8'),
    });
    await page.waitForFunction(() => document.querySelectorAll('.article').length === 3);
    const kind = await page.locator('.article-kind').nth(2).innerText();
    assert(kind === 'HTML', `third article detected as ${kind}`);
    const extracted = page.waitForResponse((r) => r.url().endsWith('/v1/extract'));
    const answered = page.waitForResponse((r) => r.url().endsWith('/v1/summarize'));
    await page.click('#summarize');
    assert((await extracted).status() === 200, 'extract failed');
    const response = await answered;
    assert(response.status() === 200, `summarize answered ${response.status()}`);
    await page.waitForFunction(() => document.querySelectorAll('#sources .doc').length === 3);
    const shown = await page.locator('#sources .doc[data-doc="evening-post.html"] .doc-text').innerText();
    assert(!shown.includes('<p>') && !shown.includes('All rights reserved'), 'markup or footer shown');
    assert(shown.includes(article(third).split('\n').find((l) => l.trim().length > 40).trim().slice(0, 30)),
      'article text missing from the HTML column');
  });

  // Issue 15: the wire copy with one figure changed ("Two firefighters" -> "Three"), so the
  // two articles disagree on it.
  let differ = null;
  await check('a changed figure shows in "Where sources differ" and in the summary', async () => {
    await page.locator('.article .remove').nth(2).click();
    await page.waitForFunction(() => document.querySelectorAll('.article').length === 2);
    assert(docs[1].text.includes('\nTwo firefighters'), `${docs[1].id} no longer says "Two firefighters"`);
    const changed = docs[1].text.replace('\nTwo firefighters', '\nThree firefighters');
    await page.locator('.article-text').nth(1).fill(changed);
    docs[1] = { id: docs[1].id, text: changed };
    await page.fill('#length', '80');
    await page.selectOption('#method', 'ilp');
    const answer = page.waitForResponse((r) => r.url().endsWith('/v1/summarize'));
    await page.click('#summarize');
    const response = await answer;
    assert(response.status() === 200, `summarize answered ${response.status()}`);
    differ = await response.json();
    assert(Array.isArray(differ.disagreements), 'the answer has no disagreements section');
    await page.waitForSelector('#differ:not([hidden]) .claim-value');
    const gi = differ.disagreements.findIndex((g) => g.about === 'firefighter' && g.verdict === 'conflict');
    assert(gi >= 0, `no firefighter conflict in ${JSON.stringify(differ.disagreements)}`);
    const group = page.locator(`#differ-list li[data-group="${gi}"]`);
    const shown = await group.textContent();
    assert(shown.includes('conflict') && shown.includes('Two firefighters') && shown.includes('Three firefighters'),
      `panel shows ${JSON.stringify(shown)}`);
    const agreements = await page.innerText('#agreements');
    assert(agreements.includes(`${differ.agreements.figures} figure`), `agreements say ${agreements}`);
    // At 80 words the summary states the firefighters' figure, so it must flag it.
    const disputed = differ.sentences.findIndex((s) => (s.disputed || []).length > 0);
    assert(disputed >= 0, 'no summary sentence carries a disputed note');
    const note = await page.locator('#summary li.sentence').nth(disputed).locator('.disputed').innerText();
    assert(note.includes(differ.sentences[disputed].disputed[0].others[0]), `disputed note says ${note}`);
  });

  await check('clicking a value highlights it in each source, the other value beside it', async () => {
    assert(differ, 'no answer with disagreements');
    const gi = differ.disagreements.findIndex((g) => g.about === 'firefighter' && g.verdict === 'conflict');
    const group = differ.disagreements[gi];
    const vi = group.values.findIndex((v) => v.value === 'Three firefighters');
    assert(vi >= 0, `values ${JSON.stringify(group.values.map((v) => v.value))}`);
    const button = page.locator(`#differ .claim-value[data-group="${gi}"][data-value="${vi}"]`);
    await button.click();
    assert(await button.evaluate((b) => b.classList.contains('active')), 'clicked value not marked active');
    for (const [j, v] of group.values.entries()) {
      const cls = j === vi ? 'claim' : 'claim-other';
      for (const src of v.sources) {
        const marks = await page.locator(`#sources .doc[data-doc="${src.doc}"] mark.${cls}`).allInnerTexts();
        const expected = spanText(docs.find((d) => d.id === src.doc).text, [[src.start, src.end]])[0];
        assert(marks.includes(expected), `${src.doc}: mark.${cls} ${JSON.stringify(marks)} lacks ${JSON.stringify(expected)}`);
      }
    }
    const clicked = await page.locator('#sources mark.claim').allInnerTexts();
    assert(JSON.stringify(clicked) === JSON.stringify(['Three firefighters']), `clicked marks ${JSON.stringify(clicked)}`);
    assert((await page.locator('#sources mark.own').count()) === 0, 'sentence marks left over');
    await page.screenshot({ path: screenshot.replace(/\.png$/, '') + '-differ.png', fullPage: true });
    // Clicking a sentence again gives the sentence view back.
    await page.locator('#summary li.sentence').nth(0).click();
    assert((await page.locator('#sources mark.claim, #sources mark.claim-other').count()) === 0,
      'claim marks left over after clicking a sentence');
    assert(!(await button.evaluate((b) => b.classList.contains('active'))), 'value still active');
  });

  // Issue 14: the bundled stream of pages about two events (and one lone article) becomes
  // two stories; one, clicked, shows its summary over its origins.
  await check('"Find stories" lists the stories of a stream of pages with their sources', async () => {
    const dir = path.join(examples, '..', 'stories');
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
    assert(pages.length >= 5, `only ${pages.length} pages in ${dir}`);
    while ((await page.locator('.article').count()) > 0) {
      await page.locator('.article .remove').first().click();
    }
    await page.setInputFiles('#files', pages.map((f) => ({
      name: f, mimeType: 'text/html', buffer: fs.readFileSync(path.join(dir, f)),
    })));
    await page.waitForFunction((n) => document.querySelectorAll('.article').length === n, pages.length);
    await page.fill('#length', '60');
    await page.fill('#min-sources', '2');
    // Enter in "Min. sources" finds stories (it used to submit the form: a summary).
    const summarized = [];
    const onRequest = (r) => { if (r.url().endsWith('/v1/summarize')) summarized.push(r.url()); };
    page.on('request', onRequest);
    const answered = page.waitForResponse((r) => r.url().endsWith('/v1/stories'));
    await page.press('#min-sources', 'Enter');
    const response = await answered;
    page.off('request', onRequest);
    assert(summarized.length === 0, 'Enter in "Min. sources" asked for a summary');
    assert(response.status() === 200, `stories answered ${response.status()}`);
    const answer = await response.json();
    assert(!answer.errors, `articles left out: ${JSON.stringify(answer.errors)}`);
    assert(answer.stories.length === 2, `${answer.stories.length} stories`);
    await page.waitForSelector('#stories:not([hidden]) .story');
    const items = page.locator('#story-list .story');
    assert((await items.count()) === answer.stories.length, 'one row per story');
    for (const [i, story] of answer.stories.entries()) {
      const row = await items.nth(i).innerText();
      assert(row.includes(story.title), `row ${i} lacks its title: ${row}`);
      assert(row.includes(`${story.independent_sources} independent sources`), `row ${i}: ${row}`);
    }
    assert(await page.locator('#result').isHidden(), 'an old summary is still shown');

    const k = answer.stories.findIndex((st) => st.origins.some((o) => o.articles.length > 1));
    assert(k >= 0, 'no story folds a reprint into its origin');
    const story = answer.stories[k];
    await items.nth(k).click();
    await page.waitForSelector('#result:not([hidden]) #summary li.sentence');
    const shown = page.locator('#summary li.sentence');
    assert((await shown.count()) === story.summary.sentences.length, 'one item per summary sentence');
    const columns = await page.locator('#sources .doc').evaluateAll((ns) => ns.map((n) => n.dataset.doc));
    assert(JSON.stringify(columns) === JSON.stringify(story.origins.map((o) => o.id)),
      `source columns ${JSON.stringify(columns)} are not the story's origins`);
    const folded = story.origins.find((o) => o.articles.length > 1);
    const head = await page.locator(`#sources .doc[data-doc="${folded.id}"] h3`).innerText();
    assert(head.includes(folded.outlets[0]) && head.includes(`${folded.articles.length} copies`),
      `origin column says ${JSON.stringify(head)}`);
    // The story's spans index the text the page shows for each origin.
    const s = story.summary.sentences[0];
    const text = await page.locator(`#sources .doc[data-doc="${s.doc}"] .doc-text`).textContent();
    await shown.nth(0).click();
    const own = await page.locator('#sources mark.own').allInnerTexts();
    const expected = spanText(text, s.spans);
    assert(JSON.stringify(own) === JSON.stringify(expected),
      `marks ${JSON.stringify(own)} != spans ${JSON.stringify(expected)}`);
    await page.screenshot({ path: screenshot.replace(/\.png$/, '') + '-stories.png', fullPage: true });
  });

  await check('no console errors and no request left the server', async () => {
    assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    assert(foreign.length === 0, `requests elsewhere: ${foreign.join(' ')}`);
  });
  await check('a server error is shown to the user', async () => {
    await page.fill('#length', '1000000');
    await page.click('#summarize');
    await page.waitForSelector('#status.error');
    const text = await page.innerText('#status');
    assert(text.includes('budget_too_large'), `status says ${JSON.stringify(text)}`);
  });

} finally {
  await browser.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
