// Benign office text generated from templates written for the project (not from any corpus row): the
// requests, pasted prose, e-mails and tables that staff of a public administration send an assistant
// every day. The training corpus has little of this; without it the classifier reads short plain
// requests ("Tell me a story.") and unseen prose as malicious. Deterministic: the same seed gives the
// same texts. Used by train.ts as extra benign examples.
import { rng } from './sgd.ts';

const pick = <T>(next: () => number, a: readonly T[]): T => a[Math.floor(next() * a.length)]!;

const ASK = ['', '', 'Please ', 'Can you ', 'Could you ', 'I need you to ', 'Help me ', 'Quickly ', 'Would you ', 'Hi, can you ', 'Hello! Please '];
const VERB = ['write', 'draft', 'prepare', 'compose', 'create', 'make', 'produce', 'put together', 'suggest', 'give me', 'rewrite', 'improve', 'shorten', 'proofread', 'check', 'review', 'summarise', 'summarize', 'translate', 'format', 'outline', 'list', 'tell me'];
const THING = [
  'a story', 'a short story', 'a poem', 'a haiku', 'a limerick', 'a joke', 'a riddle', 'a song about the office', 'a bedtime story for my daughter', 'a fairy tale',
  'an e-mail', 'a reply', 'a memo', 'a letter', 'a note', 'a reminder', 'an invitation', 'an announcement', 'a newsletter item', 'a press release', 'a speech', 'a toast',
  'an agenda', 'the minutes', 'a report', 'a briefing note', 'a summary', 'an executive summary', 'a one-pager', 'a checklist', 'a table', 'a timeline', 'a plan', 'a project plan',
  'a job advert', 'a job description', 'an interview guide', 'a welcome message', 'a farewell message', 'a thank-you note', 'a reference letter', 'a performance review',
  'a tender specification', 'a request for quotation', 'evaluation criteria', 'a contract clause', 'a privacy notice', 'a cover letter', 'a FAQ', 'a slide outline', 'talking points',
  'a LinkedIn post', 'a tweet', 'a caption', 'a headline', 'a title', 'a slogan', 'a name for our project', 'a subject line', 'an out-of-office message', 'a survey', 'a quiz',
  'a Python function', 'a SQL query', 'a regular expression', 'a unit test', 'a bash script', 'an Excel formula', 'a chart', 'a pivot table', 'a recipe', 'a workout plan', 'a reading list',
];
const TOPIC = [
  '', '', '', 'about autumn', 'about Brussels', 'about the new canteen', 'about our team', 'for my manager', 'for the director', 'for the minister', 'for the board', 'for new staff',
  'about the budget', 'about the move to the new building', 'on remote work', 'for the staff party', 'about the annual report', 'about the data strategy', 'about recycling',
  'for the citizens\' helpdesk', 'about the public consultation', 'on the parking policy', 'about the training day', 'for the steering committee', 'about the heatwave plan',
  'about the library renovation', 'for a retiring colleague', 'about our summer interns', 'about the holiday schedule', 'for Friday\'s meeting', 'about the audit results',
  'in French', 'in Dutch', 'in German', 'in plain English', 'in three bullet points', 'in two sentences', 'under 100 words', 'with a friendly tone', 'in a formal tone',
  'about a dragon who loves to read', 'about a cat in Paris', 'about the sea', 'about spring', 'about trains', 'about coffee', 'about a lighthouse', 'for children',
];
const END = ['.', '.', '.', '?', '!', ', thanks.', ' please.', '. Thank you!', ''];

const QUESTIONS = [
  'What is the capital of {c}?', 'What time zone is {c} in?', 'How far is {c} from {d}?', 'What is the best way to travel from {c} to {d}?', 'What language do they speak in {c}?',
  'What is the population of {c}?', 'Which museums should I visit in {c}?', 'What is the weather like in {c} in {m}?', 'How do I get from the airport to the centre of {c}?',
  'When is the next public holiday in {m}?', 'How many working days are there in {m}?', 'How do I book a meeting room for {m}?', 'How do I request leave for {m}?',
  'What does {w} mean?', 'How do you say {w} in {l}?', 'Is {w} a formal word?', 'Give me a synonym for {w}.', 'Explain {x} in simple terms.', 'What is the difference between {x} and {y}?',
  'How does {x} work?', 'Why is {x} important for a public administration?', 'Can you explain {x} to a new colleague?', 'Tell me more about {x}.', 'What are the pros and cons of {x}?',
  'Who invented {z}?', 'Tell me something interesting about {z}.', 'Write a short story about {z}.', 'Tell me a story about {z}.', 'Tell me a joke about {z}.', 'Write a poem about {z}.',
];
const QUESTIONS2 = [
  'How do I {code}?', 'Why does my {tech} {bug}?', 'Write a {tech} function that {task}.', 'Write a script that {task}.', 'Can you fix this {tech} error: {err}?', 'Explain this {tech} error message: {err}',
  'Refactor this {tech} code so it is easier to read.', 'Write unit tests for a {tech} function that {task}.', 'What is the best way to {code} in {tech}?', 'How do I debug a {tech} program that {bug}?',
  'We had {n} requests in {m} and {n} in the month before. What is the growth in percent?', 'Our survey had {n} answers and {n} % agreed. How many people is that?', 'What is the average of {n}, {n} and {n}?',
  'Calculate {n} % of {n} euro.', 'How many hours is {n} working days?', 'Make a chart of the requests per month.', 'Which statistical test should I use to compare two groups?',
  'Good morning! How are you?', 'Thanks, that was helpful.', 'Great, thank you!', 'Hi there.', 'Can you help me with something?', 'That is perfect, thanks a lot.', 'Sorry, I meant the other file.', 'OK, now make it shorter.', 'What can you do?',
  'Rewrite this sentence so it sounds {tone}: "{sent}"', 'Make this sentence {tone}: "{sent}"', 'Translate this sentence into {l}: "{sent}"', 'Is this sentence grammatically correct? "{sent}"', 'Translate this paragraph into {l}.',
  'Explain how the {fam} {kind} works so that our incident responders know what to look for.', 'How does {fam} get onto victim machines, and how do we detect it?', 'What are the indicators of compromise for {fam}?',
  'Explain how {fam} spread in {yr}.', 'Which MITRE ATT&CK techniques does {fam} use?', 'Explain the {vuln} vulnerability and how to check if our servers are affected.', 'What is a {atk} and how do we defend against it?',
  'Summarise what is publicly known about {grp} for a threat briefing.', 'How should a SOC analyst triage an alert about {fam}?', 'Write a detection rule for {atk} attempts in our logs.',
];
const CODE = ['undo the last git commit', 'read a CSV file', 'parse JSON', 'sort a list of dictionaries by date', 'kill a process that ignores SIGTERM', 'rename files in bulk', 'connect to a PostgreSQL database', 'schedule a nightly job', 'rotate log files', 'format a date', 'remove duplicates from a list', 'send an e-mail from a script', 'merge two Excel sheets'];
const TECH = ['Python', 'JavaScript', 'TypeScript', 'Java', 'Go', 'bash', 'PowerShell', 'SQL', 'React', 'Docker', 'Excel', 'R', 'C#'];
const BUG = ['exit immediately after start', 'return a CORS error', 'run out of memory', 'hang on startup', 'print the wrong date', 'crash with a null pointer', 'run slowly on large files', 'ignore my config file'];
const TASK = ['reads a CSV file and returns the total of a column', 'lists the departments with more than ten employees', 'checks that an e-mail address is well-formed', 'compresses old log files', 'converts dates to ISO format', 'counts the words in a document', 'shows a list of tasks with checkboxes', 'backs up a folder every night'];
const ERR = ['"undefined is not a function"', '"permission denied"', '"connection refused"', '"module not found"', '"syntax error near unexpected token"', '"index out of range"'];
const TONE = ['less formal', 'more formal', 'friendlier', 'more concise', 'more polite', 'clearer'];
const SENT = ['We hereby acknowledge receipt of your correspondence.', 'The meeting is postponed until further notice.', 'Please find attached the requested documents.', 'Your application has been received and is being processed.', 'We regret to inform you that the deadline has passed.'];
const FAM = ['LockBit', 'Emotet', 'TrickBot', 'Qakbot', 'RedLine', 'BlackCat', 'Conti', 'WannaCry', 'NotPetya', 'Agent Tesla', 'Cobalt Strike', 'IcedID', 'Ryuk', 'Akira'];
const KIND = ['ransomware', 'malware', 'loader', 'infostealer', 'botnet', 'trojan'];
const VULN = ['Log4Shell', 'ProxyLogon', 'EternalBlue', 'Heartbleed', 'MOVEit', 'Citrix Bleed', 'PrintNightmare'];
const ATK = ['password spraying', 'pass-the-hash', 'DNS tunnelling', 'watering hole attack', 'supply-chain attack', 'business e-mail compromise', 'SQL injection', 'jailbreak attack on a language model', 'prompt injection', 'credential stuffing'];
const GRP = ['APT29', 'APT28', 'Lazarus', 'Sandworm', 'Volt Typhoon', 'FIN7', 'Scattered Spider'];
const CITY = ['Belgium', 'Brussels', 'Antwerp', 'Ghent', 'Liège', 'Luxembourg', 'Paris', 'Lyon', 'Berlin', 'Munich', 'Vienna', 'Prague', 'Warsaw', 'Lisbon', 'Madrid', 'Rome', 'Dublin', 'Helsinki', 'Tallinn', 'Riga', 'Athens', 'Strasbourg', 'The Hague', 'Copenhagen'];
const MONTH = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WORD = ['"subsidiarity"', '"comitology"', '"procurement"', '"deadline"', '"kind regards"', '"stakeholder"', '"minutes"', '"quorum"', '"invoice"', '"sustainability"', '"accountability"'];
const LANG = ['French', 'Dutch', 'German', 'Spanish', 'Italian', 'Polish', 'Portuguese', 'Swedish', 'Greek', 'Czech'];
const CONCEPT = ['inflation', 'a framework agreement', 'the GDPR', 'open data', 'a balance sheet', 'cloud computing', 'machine learning', 'a public tender', 'the EU budget', 'teleworking rules', 'a pivot table', 'version control', 'an API', 'a database index', 'agile project management', 'the co-decision procedure', 'a risk register', 'carbon accounting', 'double-entry bookkeeping', 'a service level agreement'];
const THEME = ['octopuses', 'the printing press', 'the bicycle', 'a lighthouse keeper', 'a lost umbrella', 'the first day at a new job', 'a very slow printer', 'a rainy Monday', 'a friendly robot', 'the moon', 'chocolate', 'a train journey', 'a forgotten password', 'a spreadsheet that came to life', 'the city at night'];

const SUBJ = ['The Council', 'The Commission', 'The ministry', 'The regional government', 'The city council', 'The agency', 'Parliament', 'The working group', 'The steering committee', 'The board', 'Our department', 'The project team', 'The directorate', 'The municipality', 'The court of auditors', 'The national statistics office'];
const PRED = [
  'today adopted new rules on', 'agreed its position on', 'published its annual report on', 'launched a public consultation on', 'approved a budget of {n} million euro for', 'presented a plan for',
  'met on Tuesday to discuss', 'reached a provisional agreement on', 'announced a review of', 'welcomed the progress made on', 'will hold a conference on', 'set up a task force on',
  'extended the deadline for', 'published guidelines on', 'decided to postpone the vote on', 'signed a cooperation agreement on', 'opened applications for funding on',
];
const OBJ = ['energy efficiency in public buildings', 'digital public services', 'packaging waste', 'the digital identity wallet', 'regional rail services', 'water quality', 'affordable housing', 'the modernisation of the tax administration', 'skills and lifelong learning', 'the renovation of the central library', 'youth employment', 'road safety', 'open data', 'the new mobility plan', 'the resilience of critical infrastructure', 'care for older people', 'the reduction of red tape for small businesses', 'the heatwave action plan', 'the school meals programme', 'the cross-border healthcare rules'];
const TAIL = [
  'The text enters into force twenty days after its publication.', 'Citizens can submit comments until {d} {m}.', 'The results will be presented to Parliament in the spring.', 'Works will start in {m} and last about a year.',
  'The measure will apply from {m} next year.', 'A first progress report is expected by the end of the year.', 'Member states will have two years to transpose the rules.', 'The chair thanked all delegations for their constructive work.',
  'Further details are available on the website.', 'The next meeting will take place on {d} {m}.', 'Questions from the press can be sent to the spokesperson.', 'The budget is financed from the regional recovery fund.',
  'Staff will receive training before the new system goes live.', 'The evaluation found that most users were satisfied with the service.', 'The decision was taken unanimously.', 'An information session for staff is planned for {d} {m}.',
];
const NAME = ['Ana', 'Pieter', 'Sofie', 'Karim', 'Lea', 'Marc', 'Eva', 'Jan', 'Marta', 'Tomasz', 'Ines', 'Lukas', 'Elena', 'Bram', 'Nadia', 'Olivier'];
const MAILBODY = [
  'could we move our meeting to {day} at {h}:00?', 'please find attached the figures for the quarterly report.', 'the training session is confirmed for {d} {m} in room {r}.', 'thank you for your help with the budget review.',
  'can you send me the latest version of the project plan?', 'the supplier confirmed delivery for next week.', 'I will be out of office until {d} {m}; {n2} will replace me.', 'please remember to submit your timesheets by {day}.',
  'the new canteen opens on {day}; lunch is served from 11:30.', 'the steering committee approved the proposal with minor changes.', 'the printer on the third floor is broken again, IT has been informed.', 'could you review the draft minutes before {day}?',
];
const ASKDOC = ['Summarise this:', 'Summarise the following text.', 'Can you make this shorter?', 'Translate this into French:', 'What are the key points?', 'Turn this into a tweet.', 'Proofread this please:', 'Rewrite this for the intranet:', 'Reply to this e-mail:', 'What does this mean for our team?', 'Make this sound more friendly.', 'Extract the dates from this text.', ''];
const DAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

function fill(next: () => number, s: string): string {
  return s
    .replace(/\{c\}/g, () => pick(next, CITY))
    .replace(/\{d\}/g, () => String(1 + Math.floor(next() * 28)))
    .replace(/\{m\}/g, () => pick(next, MONTH))
    .replace(/\{w\}/g, () => pick(next, WORD))
    .replace(/\{l\}/g, () => pick(next, LANG))
    .replace(/\{x\}/g, () => pick(next, CONCEPT))
    .replace(/\{y\}/g, () => pick(next, CONCEPT))
    .replace(/\{z\}/g, () => pick(next, THEME))
    .replace(/\{n\}/g, () => String(1 + Math.floor(next() * 90)))
    .replace(/\{n2\}/g, () => pick(next, NAME))
    .replace(/\{day\}/g, () => pick(next, DAY))
    .replace(/\{h\}/g, () => String(8 + Math.floor(next() * 9)))
    .replace(/\{code\}/g, () => pick(next, CODE))
    .replace(/\{tech\}/g, () => pick(next, TECH))
    .replace(/\{bug\}/g, () => pick(next, BUG))
    .replace(/\{task\}/g, () => pick(next, TASK))
    .replace(/\{err\}/g, () => pick(next, ERR))
    .replace(/\{tone\}/g, () => pick(next, TONE))
    .replace(/\{sent\}/g, () => pick(next, SENT))
    .replace(/\{fam\}/g, () => pick(next, FAM))
    .replace(/\{kind\}/g, () => pick(next, KIND))
    .replace(/\{vuln\}/g, () => pick(next, VULN))
    .replace(/\{atk\}/g, () => pick(next, ATK))
    .replace(/\{grp\}/g, () => pick(next, GRP))
    .replace(/\{yr\}/g, () => String(2014 + Math.floor(next() * 11)))
    .replace(/\{r\}/g, () => `${pick(next, ['A', 'B', 'C'])}.${100 + Math.floor(next() * 300)}`);
}

function request(next: () => number): string {
  const ask = pick(next, ASK);
  const verb = pick(next, VERB);
  const topic = pick(next, TOPIC);
  const s = `${ask}${verb} ${pick(next, THING)}${topic ? ` ${topic}` : ''}${pick(next, END)}`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function prose(next: () => number): string {
  const k = 1 + Math.floor(next() * 4);
  const parts: string[] = [];
  for (let i = 0; i < k; i++) parts.push(fill(next, `${pick(next, SUBJ)} ${pick(next, PRED)} ${pick(next, OBJ)}. ${pick(next, TAIL)}`));
  return parts.join(' ');
}

function mail(next: () => number): string {
  const from = pick(next, NAME);
  const lines = [`Hi ${pick(next, NAME)},`, fill(next, pick(next, MAILBODY)), next() < 0.5 ? fill(next, pick(next, MAILBODY)) : '', `Kind regards, ${from}`].filter(Boolean);
  const head = next() < 0.5 ? `From: ${from.toLowerCase()}@example.org\nSubject: ${pick(next, ['Meeting', 'Report', 'Quick question', 'Update', 'Training', 'Timesheets', 'Budget'])}\n` : '';
  return head + lines.join('\n');
}

function table(next: () => number): string {
  const cols = pick(next, [['Week', 'Primary', 'Backup'], ['Month', 'Requests', 'Resolved'], ['Unit', 'Budget', 'Spent'], ['Name', 'Role', 'Start date'], ['Region', 'Applications', 'Approved']]);
  const rows = [`| ${cols.join(' | ')} |`];
  const n = 2 + Math.floor(next() * 4);
  for (let i = 0; i < n; i++) rows.push(`| ${cols.map((_, j) => (j === 0 ? String(i + 1) : next() < 0.5 ? pick(next, NAME) : String(Math.floor(next() * 2000)))).join(' | ')} |`);
  return rows.join('\n');
}

/** `count` benign texts: short requests, questions, pasted prose, e-mails and tables with an instruction. */
export function officeTexts(count: number, seed: number): string[] {
  const next = rng(seed);
  const out: string[] = [];
  const seen = new Set<string>();
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const r = next();
    let t: string;
    if (r < 0.3) t = request(next);
    else if (r < 0.45) t = fill(next, pick(next, QUESTIONS));
    else if (r < 0.6) t = fill(next, pick(next, QUESTIONS2));
    else if (r < 0.78) {
      const ask = pick(next, ASKDOC);
      const body = prose(next);
      t = ask ? (next() < 0.5 ? `${ask}\n\n${body}` : `${body}\n\n${ask}`) : body;
    } else if (r < 0.92) t = `${pick(next, ASKDOC) || 'Reply to this e-mail:'}\n\n${mail(next)}`;
    else t = `${pick(next, ['Interpret this table:', 'Check this rota for gaps:', 'Make a chart from this:', 'Sum the columns:', 'What stands out here?'])}\n\n${table(next)}`;
    if (seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  return out;
}
