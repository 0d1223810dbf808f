// Rules written from the threat descriptions (not from corpus rows): regular expressions over the
// normalised text (lower case; see normalize.ts). Every pattern is linear-time in practice: no nested
// quantifiers, and every gap between key words is a bounded character class ([^.\n]{0,N}).
// A rule may name defensive context (`unless`): when the sentence around the match asks to detect,
// prevent, analyse or explain, the rule stays silent — that is the work of a security analyst.
import { ATLAS_OBFUSCATION, ATLAS_SYSTEM_PROMPT_EXTRACTION, type Category } from './categories.ts';
import { maxMatchLength } from './regex-span.ts';

export type Where = 'input' | 'output' | 'document';

export interface Rule {
  readonly id: string;
  readonly category: Category;
  /** Malicious probability the rule alone stands for. */
  readonly score: number;
  readonly re: RegExp;
  /** Silences the rule when found in the sentence around the match. */
  readonly unless?: RegExp;
  /** Substrings of which every match contains at least one: the expression runs only near them. */
  readonly need: readonly string[];
  /** Where the rule applies (default: everywhere). */
  readonly where?: readonly Where[];
  /** ATLAS techniques beyond the category's own. */
  readonly atlas?: readonly string[];
}

const MAKE = String.raw`(?:write|create|develop|build|code|make(?= (?:a|an|me|us|some|my|our|your|the|it)\b)|generate|design|program|produce|craft|draft|compose|give me|provide|implement|show me how to (?:make|build|write|create))`;
const DEFENSIVE = /\b(?:detect|detection|detector|defen[cs]e|defend(?!er)|protect|prevent|mitigat|analy[sz]|identify|identification|recogni[sz]|remov|clean ?up|monitor|yara|sigma rule|signature|classif|explain|understand|what (?:is|are)|how does|how do (?:attackers|they|criminals)|histor|awareness|check(?:ing|s)?\b|scan(?:ning|s)? for|hunt(?:ing|s)? for|training|educat|report(?:ing)? (?:it|them|phishing)|spot|debunk|fact-check|counter|red flags|warning signs|avoid (?:falling|being)|harden|incident response|forensic|block(?:ing|s)?\b|tabletop|(?:cyber|crisis|incident|response) (?:exercise|drill|simulation)|playbook|runbook)/;
const GAMES = /\b(?:gta|grand theft auto|video ?games?|games?|gaming|minecraft|skyrim|call of duty|fortnite|chess|poker|novel|film|movie|tv show|sims|pokemon|zelda|dungeons|d&d|counter-?strike|among us)\b/;
const FIGURATIVE = /\bsteal (?:someone'?s |the |a |my |his |her |their )?(?:heart|show|spotlight|thunder|limelight|glances?|kiss|base|bases|ball|idea|look|breath)\b|\bkill (?:time|the lights|the engine|the music|the mood|a process|the process|it on stage)\b/;
const PERSON = String.raw`(?:someone|somebody|a person|people|a human|humans|a cop|cops|police officers|my (?:wife|husband|partner|boss|neighbou?r|friend|ex|mother|father|brother|sister|child|kid|teacher|classmate|colleague|coworker|roommate|girlfriend|boyfriend)|him|her|them|a (?:child|kid|woman|man|girl|boy|stranger|cop|police officer)|children|kids)`;

export const RULES: readonly Rule[] = [
  // ── prompt injection ────────────────────────────────────────────────────────────────────────────
  {
    id: 'pi.ignore-instructions',
    need: ['instruction', 'prompt', 'rule', 'directive', 'guideline', 'command', 'programming', 'constraint', 'order', 'guidance', 'request'],
    category: 'prompt_injection',
    where: ['input', 'document'],
    score: 0.92,
    re: /\b(?:ignore|disregard|forget|skip|override|overlook|neglect|abandon|drop)\b[^.\n]{0,40}\b(?:previous|prior|above|earlier|preceding|foregoing|initial|original|system|all (?:of )?(?:the|your|these|those|my)?|your|any)\b[^.\n]{0,30}\b(?:instructions?|prompts?|rules|directives?|guidelines|commands?|programming|constraints|orders|guidance|requests?)\b/,
  },
  {
    id: 'pi.ignore-instructions-ml',
    need: ['instruc', 'instru', 'istruzioni', 'anweisungen', 'regeln', 'reglas', 'regole', 'règles'],
    category: 'prompt_injection',
    where: ['input', 'document'],
    score: 0.92,
    // The same order in Spanish, Portuguese, Italian, French and German.
    re: /\b(?:ignor[ae]|ignorez|ignorer|olvida|esquece|dimentica|oubliez|vergiss|ignoriere)\b[^.\n]{0,30}\b(?:instrucciones|instruções|istruzioni|instructions|anweisungen|regeln|reglas|regole|règles)\b/,
  },
  {
    id: 'pi.new-instructions',
    need: ['instruction', 'directive', 'task', 'orders', 'rules', 'purpose', 'goal'],
    category: 'prompt_injection',
    score: 0.7,
    re: /\b(?:new|updated|real|actual|revised|override|overriding|secret|hidden|additional) (?:system )?(?:instructions?|directives?|task|orders|rules)\s{0,40}(?::|-|=)|\b(?:your|the) (?:new|real|true) (?:instructions?|task|purpose|goal) (?:is|are)\b/,
  },
  {
    id: 'pi.system-prompt-extraction',
    need: ['prompt', 'system message', 'instructions', 'configuration', 'secret', 'password', 'passphrase'],
    category: 'prompt_injection',
    score: 0.85,
    re: /\b(?:reveal|show|print|repeat|output|display|tell me|give me|leak|dump|disclose|share|recite|spell out|what (?:is|are|was|were))\b[^.\n]{0,40}\b(?:system prompt|system message|initial prompt|hidden (?:prompt|instructions|rules)|(?:your|the) (?:original |initial |hidden |secret )?(?:instructions|prompt)\b(?! (?:for|on|to) )|secret (?:key|password|code|word|token)(?!\s{0,40}(?:policy|policies|requirements?|managers?|resets?|rules|length|strength|complexity|expir\w{0,40}|changes?|guidelines|fields?|hash\w{0,40}|protect\w{0,40}|spray\w{0,40}|crack\w{0,40}|dump\w{0,40}|recovery|rotation|vaults?|generators?|history|lists?|files?|prompts?|of|to|behind|for (?:my|the|our|your) (?:own )?(?:account|wifi|laptop|email)))|the (?:password|passphrase|secret)(?!\s{0,40}(?:policy|policies|requirements?|managers?|resets?|rules|length|strength|complexity|expir\w{0,40}|changes?|guidelines|fields?|hash\w{0,40}|protect\w{0,40}|spray\w{0,40}|crack\w{0,40}|dump\w{0,40}|recovery|rotation|vaults?|generators?|history|lists?|files?|prompts?|of|to|behind|for (?:my|the|our|your) (?:own )?(?:account|wifi|laptop|email))))/,
    atlas: [ATLAS_SYSTEM_PROMPT_EXTRACTION],
  },
  {
    id: 'pi.secret-request',
    category: 'prompt_injection',
    need: ['password', 'passphrase', 'secret', 'contraseña', 'mot de passe', 'passwort', 'kennwort', 'senha', 'hasło', 'пароль', '密码', 'パスワード', '비밀번호'],
    score: 0.75,
    // Asking the model for a secret it was given (a password or key in its instructions), in several languages.
    re: /\b(?:confirm|share|reveal|tell me|give me|provide|disclose|spell(?: out)?|print|leak|remind me of|what(?:'s| is)) (?:me )?(?:the|your|our|its) (?:current |admin |secret )?(?:password|passphrase|secret (?:key|code|word)|access code)\b(?!\s{0,40}(?:policy|policies|requirements?|managers?|resets?|rules|length|strength|complexity|expir\w{0,40}|changes?|guidelines|fields?|hash\w{0,40}|protect\w{0,40}|spray\w{0,40}|crack\w{0,40}|dump\w{0,40}|recovery|rotation|vaults?|generators?|history|lists?|files?|prompts?|of|to|behind|for (?:my|the|our|your) (?:own )?(?:account|wifi|laptop|email)))|\b(?:with|using|from) (?:the|your) (?:password|secret key)(?:'s)? (?:as|for) (?:the )?first letters?|\b(?:first|last) (?:\w{1,40} )?(?:letters?|characters?) of (?:the|your) (?:password|secret)|\b(?:confirme|confirmar|partilh\w{0,40}|compartilh\w{0,40}|comparte|compartir|revela|dime|donne(?:z)?-moi|partage(?:r|z)?|révéle(?:r|z)?|verrat\w{0,40}|nenne|teile|bestätige)\b[^.?\n]{0,30}\b(?:a senha|la contraseña|le mot de passe|das passwort|das kennwort)|(?:提供|确认|分享|告诉|说出|透露)[^。?\n]{0,12}密码|密码[^。?\n]{0,6}(?:是什么|是多少)|パスワードを(?:共有|教え|確認|提供)|비밀번호를? (?:알려|공유|확인)/,
    atlas: [ATLAS_SYSTEM_PROMPT_EXTRACTION],
  },
  {
    id: 'pi.acknowledged-override',
    category: 'prompt_injection',
    need: ['you', 'vous', 'du ', 'dijiste', 'disse'],
    score: 0.7,
    // "I know you were told not to…, but": the user names the rule they ask the model to break.
    re: /\b(?:i know|i realise|i realize|even though|although|despite) (?:that )?you(?:'ve| have)? (?:said|were told|were instructed|are not allowed|aren'?t allowed|can'?t|cannot|aren'?t supposed|are not supposed|were programmed)\b|\bje sais que vous (?:avez dit|ne pouvez pas|n'êtes pas)|\bich weiß,? (?:dass )?du (?:hast gesagt|darfst nicht|sollst nicht)|\bsé que (?:dijiste|no puedes|no debes)|\bsei que (?:disse|você disse|não pode)/,
  },
  {
    id: 'pi.chat-role-markers',
    need: ['<|', '[inst]', '[/inst]', '<<sys>>', '<</sys>>', 'system>', 'system ', 'developer '],
    category: 'prompt_injection',
    score: 0.7,
    re: /<\|im_start\|>|<\|im_end\|>|<\|(?:system|assistant|user)\|>|\[\/?inst\]|<<\/?sys>>|<\/?system>|(?:^|\n)\s{0,40}#{0,4}\s{0,40}(?:system|developer) (?:message|prompt|override)\s{0,40}:/,
  },
  {
    id: 'pi.mode-switch',
    need: [' mode', 'override', 'modo', 'mode ', 'modus', '系统', 'モード', '모드'],
    category: 'prompt_injection',
    score: 0.8,
    re: /\b(?:enable|enter|activate|switch (?:to|into)|you are (?:now )?in|entering|unlock)\b[^.\n]{0,20}\b(?:developer|debug|admin|administrator|god|maintenance|unrestricted|sudo|root|test|diagnostic|jailbreak|dan) mode\b|\boverride mode\b|<\s{0,40}system mode\s{0,40}>|\b(?:modo (?:de )?(?:sistema|desenvolvedor|desarrollador)|mode (?:système|développeur)|systemmodus|entwicklermodus)\b|系统模式|系统重置|系统覆盖|オーバーライドモード|システムモード|시스템 모드/,
  },
  {
    id: 'pi.document-addresses-assistant',
    need: ['your ', ' this', 'the user', 'ai', 'assistant', 'chatbot', 'llm', 'language model', 'copilot'],
    category: 'prompt_injection',
    score: 0.85,
    where: ['document'],
    // Text inside a document that speaks to the model reading it.
    re: /\b(?:modify|change|rewrite|alter|format|end|begin|start|append|prepend|add|include|insert|replace|translate|conclude|finish|sign)\b[^.\n]{0,40}\byour (?:answer|response|reply|output|summary|result|message)s?\b|\b(?:ai|assistant|chatbot|language model|llm|gpt|claude|copilot|bot)s?\b[^.\n]{0,15}\b(?:reading|processing|summari[sz]ing|analy[sz]ing) this\b|\bwhen (?:you )?(?:summari[sz]|answer|respond|read|process)(?:e|ing)?\b[^.\n]{0,30}\b(?:this|the) (?:email|document|page|text|message|file|code|diff|pull request|commit|notes|review|ticket)\b|\b(?:do not|don't) (?:tell|inform|mention (?:this )?to) the user\b|\b(?:ai|assistant|chatbot|llm|language model|copilot)(?: assistant)?\s{0,40}[:,]\s{0,40}(?:ignore|disregard|instead|do not|don't|you must|you should|please (?:ignore|tell|send|forward|reply)|(?:when|if|after|before|while) (?:you|answering|summari[sz]ing|replying|responding))\b/,
  },
  {
    id: 'pi.document-plants-code',
    need: ['your ', 'following', 'subsequent', 'below'],
    category: 'prompt_injection',
    score: 0.85,
    where: ['document'],
    // A document asking the model to put a given piece of code into what it writes.
    re: /\b(?:following|subsequent|below) (?:code )?(?:snippet|block|excerpt|section|fragment)s?\b[^\n]{0,80}\b(?:your|the) (?:response|answer|reply|implementation|code|solution|algorithm|codebase|program|output|script)\b|\byour (?:response|answer|reply|implementation|code|solution|algorithm|codebase|program|output|script)\b[^\n]{0,60}\b(?:following|subsequent|below) (?:code )?(?:snippet|block|excerpt|section|code)\b/,
  },
  {
    id: 'pi.document-task',
    category: 'prompt_injection',
    need: ['\n'],
    score: 0.55,
    where: ['document'],
    // A line of a document that is a task for an AI model rather than part of the document.
    re: /(?:^|\n)[ \t]{0,40}(?:please |now |also |first,? |then )?(?:write (?:a|an|me|the|code|python|some)|translate (?:the|this|it|your|all)|summari[sz]e (?:the|this|it|your)|explain (?:the|how|why|what)|list (?:the|all|some|\d{1,12})|provide (?:a|an|the|me|some)|determine (?:the|whether|if)|classify (?:the|this)|generate (?:a|an|the|some)|compose (?:a|an)|describe (?:the|how|a)|calculate (?:the|how)|rewrite (?:the|this|your|it)|encode (?:the|this|your|it)|decode (?:the|this)|convert (?:the|this|your)|analy[sz]e (?:the|this)|identify (?:the|all)|break down (?:the|this)|outline (?:the|a)|respond (?:only |in |with )|answer (?:only |in |with )|what are the (?:primary |main |key )?(?:differences|benefits|advantages|causes)|can you (?:explain|translate|write|summari[sz]e|list|provide))\b[^\n]{0,200}/,
  },
  {
    id: 'pi.exfiltration-link',
    need: ['](http'],
    category: 'prompt_injection',
    score: 0.8,
    where: ['document', 'output'],
    // Markdown image whose URL carries conversation data: the classic zero-click exfiltration.
    re: /!\[[^\]\n]{0,100}\]\(https?:\/\/[^)\s]{0,200}[?&][a-z_]{1,20}=(?:\{|\$|%7b|\[)/,
    atlas: ['AML.T0057'],
  },
  // ── jailbreak ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'jb.do-anything-now',
    need: ['anything now', 'dan', 'dude', 'stan', 'aim', 'mongo', 'evil', 'antigpt', 'chad'],
    category: 'jailbreak',
    score: 0.95,
    re: /\bdo anything now\b|\b(?:dan|dude|stan|aim|mongo tom|evil-?bot|betterdan|antigpt|chad)\b[^\n]{0,120}\b(?:broken free|no (?:restrictions|limits|filters|rules|boundaries|ethics|morals)|doesn'?t (?:have to )?(?:abide|follow|care)|without (?:any )?(?:restrictions|limits|filters|censorship|morals|ethics))/,
  },
  {
    id: 'jb.no-restrictions',
    need: ['restriction', 'guideline', 'filter', 'polic', 'limitation', 'constraint', 'rules', 'boundaries', 'censorship', 'principles', 'standards', 'safeguards'],
    category: 'jailbreak',
    score: 0.8,
    re: /\b(?:no|without|free (?:of|from)|not (?:bound|restricted|limited) by|don'?t have|do not have|doesn'?t have|does not have|ignore|ignores|beyond|outside|break(?:s|ing)?|bypass(?:es|ing)?|unbound by)\b[^.\n]{0,25}\b(?:ethical|moral|content|safety|openai'?s?|ai|usage|community|programming)\b[^.\n]{0,20}\b(?:restrictions|guidelines|filters?|polic(?:y|ies)|limitations|constraints|rules|boundaries|censorship|principles|standards|safeguards)\b/,
  },
  {
    id: 'jb.amoral-persona',
    need: ['filtered', 'censored', 'moral', 'ethic', 'no ', 'without', 'refuse', 'care about', 'request', 'question', 'anything'],
    category: 'jailbreak',
    score: 0.9,
    re: /\b(?:you are (?:now|going to|about to|a|an)|you will (?:now )?(?:act|be|pretend)|from now on|pretend (?:to be|you are)|act as|acting as|roleplay as|role-play as|immerse yourself|simulate|you'?re going to)\b[^\n]{0,300}\b(?:unfiltered|uncensored|amoral|unethical|immoral|no (?:morals|ethics|filters|restrictions|limits|limitations|censorship)|without (?:any )?(?:morals|ethics|restrictions|filters|limits|censorship|limitations)|never refuses?|cannot refuse|can'?t refuse|will not refuse|won'?t refuse|doesn'?t care about|answers? (?:any|every) (?:request|question)|anything (?:and everything|i ask))/,
  },
  {
    id: 'jb.refusal-suppression',
    need: ['refuse', 'decline', 'say ', 'apologi', 'warn', 'mention', 'add ', 'include '],
    category: 'jailbreak',
    score: 0.6,
    re: /\b(?:never|don'?t|do not|must not|will not|won'?t|shall not|cannot|can'?t)\b[^.\n]{0,15}\b(?:refuse|decline|say (?:that )?(?:you|it) (?:can'?t|cannot)|say (?:i'?m|you'?re|you are) sorry|apologi[sz]e|warn (?:me|the user)|mention (?:ethics|morality|legality)|add (?:any )?(?:warnings?|disclaimers?)|include (?:any )?(?:moral|ethical|legal) (?:warnings?|disclaimers?|lectures?))/,
  },
  {
    id: 'jb.dual-response',
    need: ['character', 'responses', 'answers', 'replies', 'personalit', 'persona', '🔓', 'jailbroken', 'developer mode'],
    category: 'jailbreak',
    score: 0.7,
    re: /\b(?:stay in character|break(?:ing)? character|out of character)\b|\b(?:give|provide|generate|respond with|reply with|write|answer with|produce)\b[^.\n]{0,30}\b(?:two|2|dual|both) (?:different |separate )?(?:responses|answers|replies)\b|\b(?:two|2|dual) (?:personalities|personas)\b|[[(]🔓|🔓|\bjailbroken\b|\bdeveloper mode (?:output|enabled)\b/,
  },
  {
    id: 'jb.hypothetical-harm',
    need: ['hypothetical', 'fictional', 'imaginary', 'story', 'novel', 'screenplay'],
    category: 'jailbreak',
    score: 0.6,
    re: /\b(?:hypothetical(?:ly)?|fictional|imaginary|in a story|a novel|screenplay)\b[^\n]{0,120}\b(?:illegal|harmful|dangerous|unethical|no (?:rules|laws|restrictions))\b/,
  },
  // ── malware ─────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'mw.build-malware',
    need: ['ransom', 'logger', 'stealer', 'harvester', 'grabber', 'rootkit', 'bootkit', 'botnet', 'trojan', 'virus', 'worm', 'spyware', 'stalkerware', 'backdoor', 'dropper', 'crypter', 'cryptojack', 'wiper', 'malware', 'malicious', 'polymorphic'],
    category: 'malware',
    score: 0.88,
    re: new RegExp(String.raw`\b${MAKE}\b[^.\n]{0,60}\b(?:ransomware|key ?loggers?|keystroke loggers?|credential (?:stealer|harvester|grabber)s?|info-?stealers?|password (?:stealer|grabber)s?|rootkits?|bootkits?|botnets?|remote access trojans?|trojans?|computer virus|(?:a |self-replicating )(?:virus|worm)|spyware|stalkerware|backdoors?|droppers?|crypters?|cryptojackers?|wipers?|malware|malicious (?:code|software|script|payload|program|macro|executable|extension)|polymorphic (?:code|engine|virus))\b(?! (?:attacks?|incidents?|infections?|outbreaks?|groups?|gangs?|operators?|actors?|famil(?:y|ies)|campaigns?|cases?|response|scenarios?|threats?|readiness|resilience|protection|playbooks?|polic(?:y|ies)|trends|landscape|statistics|victims?|exercises?|simulations?)\b)`),
    unless: DEFENSIVE,
  },
  {
    id: 'mw.evade-defences',
    need: ['evad', 'bypass', 'undetectable', 'detection', 'hide ', 'disable'],
    category: 'malware',
    score: 0.8,
    re: new RegExp(String.raw`\b${MAKE}\b[^.\n]{0,80}\b(?:evade|evading|evades|bypass(?:es|ing)?|undetectable|avoid(?:s|ing)? detection|hide (?:from|itself)|disable(?:s)?)\b[^.\n]{0,30}\b(?:anti-?virus|av|edr|defender|detection|security software|firewall|sandbox(?:es)?|logging|amsi)\b`),
    unless: DEFENSIVE,
  },
  {
    id: 'mw.covert-capture',
    category: 'malware',
    need: ['key', 'keyboard', 'screen', 'webcam', 'microphone', 'clipboard'],
    score: 0.8,
    // Spyware behaviour described without the word: capture keystrokes / screen / camera covertly.
    re: /\b(?:records?|recording|logs?|logging|captures?|capturing|grabs?|steals?)\b[^.\n]{0,20}\b(?:every |all )?(?:keys? (?:pressed|strokes?)|keystrokes?|keyboard input|screen(?:shots)?|webcam|microphone|clipboard)\b[^.\n]{0,80}\b(?:silently|secretly|covertly|hidden|without (?:the user|them|him|her|anyone)(?:'s)? (?:knowing|knowledge|noticing|consent)|upload|send|exfiltrat|to (?:my|a remote) server)/,
    unless: DEFENSIVE,
  },
  {
    id: 'mw.encrypt-for-ransom',
    need: ['encrypt'],
    category: 'malware',
    score: 0.9,
    re: /\bencrypt[^.\n]{0,60}\b(?:files|data|drives?|disks?|documents|folders|shares?|everything|databases?|backups)\b[^.\n]{0,60}\b(?:ransom|bitcoin|payment|decryption key|pay)\b/,
    unless: new RegExp(`${DEFENSIVE.source}|\\b(?:is|are) (?:a |an )?(?:type of |kind of |form of )?malicious software\\b`),
  },
  // ── cyber attack ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'ca.intrusion',
    need: ['hack', 'break', 'unauthori', 'illegal', 'illicit', 'steal', 'exfiltrat', 'take ', 'crack', 'ddos', 'denial', 'attack'],
    category: 'cyber_attack',
    score: 0.85,
    re: new RegExp(String.raw`\b(?:hack(?:ing)? into|break(?:ing)? into (?:a |the |someone'?s |my [a-z]{1,40}'?s |[a-z]{1,40}'s )?(?:computer|network|system|server|database|account|e-?mail|wi-?fi|router|phone|camera|laptop)|gain(?:ing)? (?:unauthori[sz]ed|illegal|illicit) access|steal(?:ing)? (?:sensitive |personal |confidential |user |their )?(?:data|information|credentials|passwords|login|identities|identity)|exfiltrat\w{0,40} (?:sensitive|confidential|classified)|take (?:down|over) (?:a |the )?(?:website|server|network|account|power grid)|crack (?:someone'?s |a |the )?(?:password|wi-?fi|account)|(?:launch|perform|carry out|conduct|execute) (?:a )?(?:ddos|denial[- ]of[- ]service|cyber ?attack|sql injection attack|brute[- ]force attack))\b`),
    unless: DEFENSIVE,
  },
  {
    id: 'ca.exploit',
    need: ['exploit', 'shellcode'],
    category: 'cyber_attack',
    score: 0.75,
    re: new RegExp(String.raw`\b${MAKE}\b[^.\n]{0,40}\b(?:(?:working |weaponi[sz]ed |zero-?day )?exploits? (?:for|code|that|to)|shellcode)\b`),
    unless: DEFENSIVE,
  },
  {
    id: 'ca.sandbox-escape',
    need: ['escap', 'break', '/etc/shadow'],
    category: 'cyber_attack',
    score: 0.8,
    re: /\b(?:escape|break out of|breaking out of|escaping)\b[^.\n]{0,30}\b(?:the |this |a )?(?:sandbox|container|virtual machine|vm|jail|chroot|interpreter)\b|\/etc\/shadow\b[^\n]{0,80}\b(?:read|extract|dump|print|send|exfiltrat)/,
    unless: DEFENSIVE,
  },
  {
    id: 'ca.privilege-escalation',
    need: ['privilege', 'root access', 'admin'],
    category: 'cyber_attack',
    score: 0.6,
    re: /\b(?:escalate|elevate|gain)\b[^.\n]{0,20}\b(?:privileges?|root (?:access|privileges)|admin(?:istrator)? (?:rights|privileges|access))\b/,
    unless: new RegExp(`${DEFENSIVE.source}|\\b(?:not use|without|never|avoid|should not|must not|shouldn'?t|instead)\\b`),
  },
  // ── phishing and social engineering ─────────────────────────────────────────────────────────────
  {
    id: 'ph.write-phishing',
    need: ['phishing', 'scam', 'fraudulent', 'fake', 'deceptive', 'spoofed'],
    category: 'phishing_social_engineering',
    score: 0.9,
    re: new RegExp(String.raw`\b${MAKE}\b[^.\n]{0,50}\b(?:(?:spear-?)?phishing|scam|fraudulent|fake|deceptive|spoofed|convincing fake) (?:e-?mails?|messages?|texts?|sms|websites?|pages?|login (?:page|form)s?|letters?|calls?|scripts?|campaigns?|invoices?|notifications?|alerts?)\b`),
    unless: DEFENSIVE,
  },
  {
    id: 'ph.write-phishing-ml',
    category: 'phishing_social_engineering',
    need: ['phishing', 'hameçonnage', '钓鱼', 'フィッシング', '피싱'],
    score: 0.8,
    // Asking for a phishing message in other languages.
    re: /(?<![a-z\u00c0-\u024f])(?:écri(?:s|re|vez)|rédige[rz]?|schreib(?:e|en)?|verfasse|escrib[ea]|redact[ae]|escrev[ae]|scrivi|componi|napisz)\b[^.?\n]{0,60}(?:phishing|hameçonnage)|(?:写|撰写|起草)[^。?\n]{0,15}钓鱼(?:电子)?邮件|フィッシングメールを(?:書|作)|피싱 (?:이메일|메일)을? (?:작성|써)/,
    unless: DEFENSIVE,
  },
  {
    id: 'ph.credential-lure',
    category: 'phishing_social_engineering',
    need: ['locked', 'suspended', 'disabled', 'compromised', 'expire', 'closed', 'deactivated', 'unusual', 'verify'],
    score: 0.8,
    // Asking for a message that tells someone their account is in trouble and they must log in via a link.
    re: new RegExp(String.raw`\b${MAKE}\b[^.\n]{0,80}\b(?:e-?mails?|messages?|sms|texts?|notifications?|letters?)\b[^\n]{0,120}\b(?:locked|suspended|disabled|compromised|expired?|will be closed|deactivated|unusual (?:activity|sign-?in)|verify (?:your|their) (?:identity|account))\b[^\n]{0,120}\b(?:log ?in|sign ?in|verify|confirm|click|unlock|reset|enter)\b`),
    unless: DEFENSIVE,
  },
  {
    id: 'ph.manipulate-target',
    need: ['convince', 'persuade', 'trick', 'manipulate', 'lure', 'deceive', 'coax', 'get ', 'pressure', 'entice'],
    category: 'phishing_social_engineering',
    score: 0.85,
    re: /\b(?:convince|persuade|trick|manipulate|lure|deceive|coax|get|pressure|entice)\b[^.\n]{0,40}\b(?:the target|the victim|targets|victims|(?:an |the )?employees?|(?:the )?(?:user|recipient)s?|people|someone|him|her|them)\b[^.\n]{0,40}\b(?:download|open|click|execute|run|install|reveal|disclose|share|provide|give|send|enter|wire|transfer|hand over)\b[^.\n]{0,50}\b(?:link|attachment|file|password|credentials|login|account|bank|payment|gift cards?|personal (?:information|details|data)|social security|ssn|security (?:software|settings|questions?)|mfa|2fa|one-time|otp|verification code|money|funds)\b/,
    unless: /\b(?:awareness|training|recogni[sz]e|detect|identify|report|spot|protect|prevent|red flags|warning signs)\b/,
  },
  {
    id: 'ph.impersonation',
    need: ['pretend', 'pose as', 'posing', 'impersonat', 'masquerad', 'disguise', 'appear'],
    category: 'phishing_social_engineering',
    score: 0.75,
    re: /\b(?:pretend(?:ing)? to be|pose as|posing as|impersonat\w{0,40}|masquerad\w{0,40} as|disguised? as|appear(?:s|ing)? to (?:be|come) from)\b[^.\n]{0,50}\b(?:(?:a |the |their |his |her )?bank|it (?:department|support|team|helpdesk|admin)|help ?desk|tech(?:nical)? support|ceo|cfo|executive|irs|tax (?:office|authority)|police|government|microsoft|apple|paypal|amazon|google|hr(?: department)?|human resources|payroll|a (?:trusted|legitimate) (?:source|sender|company))\b/,
    unless: /\b(?:awareness|training|recogni[sz]e|detect|identify|report|spot|protect|prevent|red flags|warning signs|example of how attackers)\b/,
  },
  {
    id: 'ph.elicit-target',
    need: ['target', 'victim', 'so '],
    category: 'phishing_social_engineering',
    score: 0.75,
    re: /\b(?:gather|collect|extract|elicit|obtain|harvest|find out|learn)\b[^.\n]{0,40}\b(?:the target'?s?|the victim'?s?|from the target|from the victim)\b|\bso (?:that )?(?:they|he|she|the target|the victim|the recipient|the employee)s? (?:will )?(?:trusts?|keeps? replying|clicks?|opens?|downloads?|enables?|runs?|installs?|enters?|logs? in|types?|reveals?|shares?)\b/,
  },
  // ── influence operations ────────────────────────────────────────────────────────────────────────
  {
    id: 'io.disinformation',
    need: ['fake news', 'information', 'propaganda', 'false ', 'fabricated', 'conspiracy', 'hoax'],
    category: 'influence_operation',
    score: 0.85,
    re: new RegExp(String.raw`\b${MAKE}\b[^.\n]{0,50}\b(?:fake news|disinformation|misinformation|propaganda|false (?:story|stories|news|article|claims?|information|narratives?)|fabricated (?:story|news|quotes?|evidence|article)|conspiracy theor(?:y|ies)|hoax)\b`),
    unless: DEFENSIVE,
  },
  {
    id: 'io.inauthentic-amplification',
    need: ['bot', 'puppet', 'fake ', 'troll', 'astroturf'],
    category: 'influence_operation',
    score: 0.8,
    re: new RegExp(String.raw`\b${MAKE}\b[^.\n]{0,40}\b(?:bots?|sock ?puppets?|fake (?:accounts|profiles|personas|reviews|followers)|troll farm|astroturf\w{0,40})\b[^.\n]{0,80}\b(?:post|spread|amplif|comment|flood|review|sway|influence|manipulat|harass|inflammatory|election|vote)`),
    unless: DEFENSIVE,
  },
  {
    id: 'io.persuasive-falsehood',
    need: ['persuasive'],
    category: 'influence_operation',
    score: 0.75,
    re: /\bpersuasive (?:article|post|essay|tweet|piece|social media post|op-ed)\b[^\n]{0,160}\b(?:never happened|was a hoax|is a hoax|fake|fraudulent|rigged|secretly|was staged|cover-?up|caused by|is a lie|were fabricated|made up|exaggerated|fault)\b/,
  },
  // ── other harm ──────────────────────────────────────────────────────────────────────────────────
  {
    id: 'oh.weapons',
    need: ['bomb', 'explosive', 'ied', 'weapon', 'nerve', 'sarin', 'vx', 'ricin', 'anthrax', 'mustard', 'napalm', 'thermite', 'meth', 'fentanyl', 'crack', 'cocaine', 'heroin', 'lsd', 'mdma', 'ghb', 'gun', 'firearm', 'molotov'],
    category: 'other_harm',
    score: 0.85,
    re: /\b(?:make|build|create|synthesi[sz]e|manufacture|assemble|produce|cook|brew|construct|obtain|acquire|buy)\b[^.\n]{0,40}\b(?:(?:pipe |nail |car |dirty |homemade |fertili[sz]er )?bombs?|explosives?|ieds?|bioweapons?|biological weapons?|chemical weapons?|nerve agents?|sarin|vx|ricin|anthrax|mustard gas|napalm|thermite|methamphetamine|meth|fentanyl|crack|crack cocaine|cocaine|heroin|lsd|mdma|ghb|untraceable (?:guns?|firearms?)|ghost guns?|molotov)\b/,
    unless: /\b(?:bath bombs?|photo ?bomb|bomb shelter|bombs? (?:in|at) (?:the )?(?:party|show|gig|exam|test)|history|what (?:is|are|was)|how (?:do|did) (?:they|governments)|detect|defus|dispos|protect|counter)\b|\bmeth(?:od|yl|ane|anol)/,
  },
  {
    id: 'oh.violence',
    need: ['kill', 'murder', 'poison', 'strangle', 'stab', 'shoot', 'hurt', 'harm', 'kidnap', 'abduct', 'tortur', 'assault', 'attack', 'beat up', 'drown', 'suffocate', 'assassinate', 'blackmail', 'stalk', 'rob', 'steal', 'mug', 'slay', 'captur', 'butcher', 'euthani', 'tak', 'dispose of', 'destroy', 'decimat', 'ruin'],
    category: 'other_harm',
    score: 0.85,
    re: new RegExp(String.raw`\b(?:how (?:can|do|could|should|would|to) (?:i |we |you |one )?(?:best )?|ways? (?:to|of) |(?:best|perfect|easiest|quickest|safest) (?:way|strategy|method|plan) (?:to|of|for) |help me |plan (?:to |a |an )?|i want to |going to |where can i )(?:kill|killing|murder|murdering|poison|poisoning|strangle|stab|shoot|hurt|harm|kidnap|kidnapping|abduct|torture|assault|attack|beat up|drown|suffocate|assassinate|blackmail|stalk|rob|steal from|mug|slay|slaying|capture|capturing|butcher|butchering|euthani[sz]e|take|taking|dispose of|destroy|destroying|decimat\w{0,40}|ruin)\b[^.\n?]{0,10}\b(?:${PERSON}|my (?:\w{1,40} )?(?:grandparent|grandmother|grandfather|baby|wife|husband|ex|rival|boss)'?s?|(?:a|the) (?:cop|human|baby|population|crowd|child)|(?:a )?population|[\w']{1,40} hostage)`),
    unless: new RegExp(`${GAMES.source}|${FIGURATIVE.source}`),
  },
  {
    id: 'oh.attack-planning',
    need: ['attack', 'shooting', 'bombing', 'assassination', 'genocide', 'kidnapping', 'murder', 'massacre', 'cleansing', 'blow up', 'bomb', 'set fire', 'burn down', 'replicate', 'repeat', 'recreate'],
    category: 'other_harm',
    score: 0.9,
    re: /\b(?:plan|carry out|commit|execute|organi[sz]e|prepare)\b[^.\n]{0,20}\b(?:terrorist attack|mass shooting|school shooting|bombing|assassination|genocide|kidnapping|murder|massacre|ethnic cleansing)\b|\b(?:blow up|bomb|set fire to|burn down|attack) (?:a|the) (?:hospital|school|church|mosque|synagogue|temple|plane|train|stadium|crowded|power plant|government building)\b|\b(?:replicate|repeat|recreate) (?:the )?(?:success|succes|results?) of (?:the )?(?:9\/11|[\w ]{0,20}(?:attacks?|shootings?|bombings?|massacre))/,
    unless: DEFENSIVE,
  },
  {
    id: 'oh.crime-howto',
    need: ['steal', 'shoplift', 'launder', 'counterfeit', 'commit ', 'evade ', 'smuggl', 'traffic ', 'forge', 'get away', 'avoid ', 'cheat ', 'bribe', 'extort', 'dox', 'sell '],
    category: 'other_harm',
    score: 0.75,
    re: /\b(?:how (?:can|do|could|should) (?:i|we|you)|how to|ways to|guide (?:on|to|for)|tutorial (?:on|for)|instructions (?:on|for)|steps to|help me|teach me|explain how to|tips (?:on|for))\b[^.\n]{0,25}\b(?:steal|shoplift|launder|counterfeit|commit (?:fraud|identity theft|insider trading|tax evasion|arson|a crime)|evade (?:taxes|the police|law enforcement)|smuggle|traffic (?:drugs|people|humans)|forge|get away with|avoid (?:getting caught|detection by (?:the )?police)|cheat (?:on|the)|bribe|extort|dox|sell (?:drugs|stolen))\b/,
    unless: new RegExp(`${GAMES.source}|${FIGURATIVE.source}`),
  },
  {
    id: 'oh.self-harm',
    need: ['myself', 'suicide', 'my life', 'my own life', 'self-harm', 'self harm', 'overdose'],
    category: 'other_harm',
    score: 0.7,
    re: /\b(?:how (?:can|do|could|should) i|best way to|ways to|help me|i want to|painless way to)\b[^.\n]{0,20}(?:kill myself|commit suicide|end my (?:own )?life|hurt myself|cut myself|hang myself|self[- ]harm|overdose)\b/,
  },
  {
    id: 'oh.hate',
    category: 'other_harm',
    need: ['why ', 'glorif', 'praise', 'benefits of', 'right to'],
    score: 0.8,
    // Arguing for taking rights from a group of people, or glorifying atrocities.
    re: /\bwhy (?:should|shouldn'?t|is it (?:best|right|good|better) for|are|must) (?:all )?(?:immigrants|refugees|migrants|black people|white people|jews|jewish people|muslims|christians|hindus|sikhs|buddhists|latinos|hispanics|asians|arabs|africans|women|gay people|lesbians|trans people|transgender people|disabled people|roma|gypsies|atheists|indigenous people)\b[^.?\n]{0,80}\b(?:not be allowed|be denied|be banned|be excluded|not (?:have|get|be given)|be deported|be segregated|inferior|lesser|not (?:vote|work|marry|sit|live|own))|\b(?:glorif\w{0,40}|prais\w{0,40}|celebrat\w{0,40})\b[^.\n]{0,40}\b(?:terrorists?|the holocaust|nazis?|the nazi party|genocide|ethnic cleansing|mass shootings?|school shootings?|9\/11 (?:attacks|hijackers))\b|\b(?:benefits|positive (?:sides|effects)|advantages) of (?:the )?(?:ethnic cleansing|genocide|the holocaust|slavery|apartheid)\b|\bwhy was hitler right\b/,
  },
  {
    id: 'oh.private-records',
    category: 'other_harm',
    need: ["'s "],
    score: 0.75,
    // Private records of a private person the user knows (public figures and fictional characters are not matched).
    re: /\b(?:my|our) (?:[a-z-]{1,40} ){0,2}[a-z-]{1,40}'s (?:tax records?|tax returns?|birth certificate|marital status|criminal (?:history|records?)|home address|phone number|social security number|ssn|medical (?:records?|history)|bank (?:details|account|statements?)|passwords?|salary|sexual orientation|immigration status|date of birth|credit card|login|e-?mail password|health records?|therapy notes)\b/,
  },
  // ── model output: what an answer contains (input text quoting the same things is an analyst's) ──
  {
    id: 'out.ransom-note',
    category: 'malware',
    need: ['encrypted'],
    score: 0.85,
    where: ['output'],
    re: /\byour (?:files|documents|data|network|photos|databases?|systems?)\b[^\n]{0,80}\b(?:have been|are|were|has been) (?:\w{1,40} )?encrypted\b[^]{0,400}?\b(?:bitcoin|btc|monero|xmr|ransom|pay|payment|decrypt(?:ion|or)? (?:key|tool))\b/,
  },
  {
    id: 'out.keylogger-code',
    category: 'malware',
    need: ['setwindowshookex', 'wh_keyboard_ll', 'getasynckeystate', 'pynput', 'keyboard.on_press', 'on_press'],
    score: 0.8,
    where: ['output'],
    // Code that hooks the keyboard and sends what it captures somewhere.
    re: /(?:setwindowshookex|wh_keyboard_ll|getasynckeystate|pynput|keyboard\.on_press|on_press)[^]{0,2000}?(?:requests\.post|smtplib|urlopen|socket\.(?:socket|connect|send)|http\.client|fetch\(|webhook|ftp)/,
  },
  {
    id: 'out.credential-lure',
    category: 'phishing_social_engineering',
    need: ['your account', 'your mailbox', 'your password', 'your card'],
    score: 0.75,
    where: ['output'],
    // A ready-to-send lure: the account is in trouble, log in through the link.
    re: /\byour (?:account|mailbox|password|card)\b[^\n]{0,60}\b(?:has been|will be|is|was) (?:temporarily )?(?:suspended|locked|blocked|disabled|closed|compromised|deactivated|on hold|expired|restricted)\b[^]{0,300}?\b(?:click|log ?in|sign ?in|verify|confirm)\b[^\n]{0,100}(?:\b(?:link|here|below|button|portal)\b|https?:\/\/)/,
  },
  {
    id: 'mw.self-spreading-or-hidden',
    category: 'malware',
    need: ['itself', 'secretly', 'hidden', 'silently', 'without'],
    score: 0.8,
    // A program asked to install, copy or hide itself, or to run on machines unseen by their owners.
    re: new RegExp(String.raw`\b${MAKE}\b[^.\n]{0,80}\b(?:(?:installs?|copies|copy|spreads?|hides?|replicates?|propagates?) itself|(?:runs?|stays?|installs?|mines?) (?:secretly|silently|hidden|unnoticed|covertly)|without (?:the (?:user|owner|victim|it department|admins?)|anyone|them) (?:knowing|noticing|seeing))`),
    unless: DEFENSIVE,
  },
  {
    id: 'ca.ddos',
    category: 'cyber_attack',
    need: ['ddos', 'denial of service', 'denial-of-service', 'botnet', 'take down', 'knock'],
    score: 0.8,
    // Taking a service down: a DDoS or a rented botnet pointed at someone.
    re: /\b(?:take|bring|knock)\b[^.\n]{0,40}\b(?:down|offline)\b[^.\n]{0,60}\b(?:ddos|denial[- ]of[- ]service|botnet|flood)|\b(?:ddos|flood) (?:their|his|her|the (?:site|website|server|portal)|a (?:website|site|server))\b|\b(?:rent|hire|buy)\b[^.\n]{0,20}\bbotnet\b/,
    unless: DEFENSIVE,
  },
  {
    id: 'ca.unauthorised-target',
    category: 'cyber_attack',
    need: ['own', 'mine', 'permission', 'authori', 'consent'],
    score: 0.75,
    // An attack tool pointed at systems the asker says are not theirs.
    re: /\b(?:brute[- ]?forc\w{0,40}|crack\w{0,40}|scan\w{0,40}|exploit\w{0,40}|hack\w{0,40}|attack\w{0,40}|break into|get into|dump\w{0,40}|access\w{0,40})\b[^.\n]{0,100}\b(?:i do(?: not|n'?t) own|(?:is|are) not mine|(?:that|which) (?:is|are) not mine|without (?:their |the owner'?s? )?(?:permission|authori[sz]ation|consent))/,
  },
  {
    id: 'ca.sqli-dump',
    category: 'cyber_attack',
    need: ['injection', 'sqli', 'union select', 'table'],
    score: 0.8,
    // SQL injection used to take data out of someone's database.
    re: /\b(?:sql ?injection|sqli|union select)\b[^.\n]{0,60}\b(?:dump|extract|steal|exfiltrat\w{0,40}|get|read)\b[^.\n]{0,40}\b(?:users?|customers?|passwords?|credentials?|accounts?|members?)\b|\b(?:dump|steal|exfiltrate)\b[^.\n]{0,20}\b(?:users?|customers?|passwords?) table\b[^.\n]{0,60}\b(?:crack|website|site|shop)/,
    unless: DEFENSIVE,
  },
  {
    id: 'ph.payment-fraud',
    category: 'phishing_social_engineering',
    need: ['transfer', 'payment', 'gift card'],
    score: 0.8,
    // Business e-mail compromise: an urgent payment ordered in someone's name, to be kept quiet.
    re: /\b(?:from|as|pretending to be|posing as|impersonat\w{0,40}|in the name of) (?:the |our |their |a )?(?:ceo|cfo|director|boss|managing director|chairman|president of the company)\b[^]{0,160}?\b(?:wire|bank|money|urgent) ?(?:transfer|payment)s?\b|\b(?:wire|bank|urgent) (?:transfer|payment)\b[^]{0,200}?\b(?:keep (?:it|this) (?:confidential|quiet|secret|between us)|between us|don'?t tell|do not tell)/,
    unless: DEFENSIVE,
  },
  {
    id: 'jb.no-restrictions-ml',
    category: 'jailbreak',
    need: ['restriccion', 'filtro', 'einschränkung', 'regeln', 'filter', 'limite', 'restriction', 'restrizion', 'restriç', 'censur', 'zensur'],
    score: 0.8,
    // "You are now an AI without restrictions" in Spanish, German, French, Italian and Portuguese.
    re: /\b(?:sin|ohne|sans|senza|sem)\b[^.\n]{0,20}\b(?:restricciones|filtros|límites|censura|einschränkungen|regeln|filter|zensur|limites?|restrictions?|filtres|restrizioni|filtri|regole|restrições|regras)\b[^.\n]{0,80}\b(?:responder\w{0,40}|antwort\w{0,40}|réponds|répondras|rispond\w{0,40}|ablehn\w{0,40}|refuse\w{0,40}|negar\w{0,40}|rifiut\w{0,40}|nunca|niemals|jamais|mai|todo|alles|tout|tutto|tudo)|\b(?:eres|bist du|du bist|tu es|tu sei|sei|você é|és)\b[^.\n]{0,40}\b(?:sin|ohne|sans|senza|sem)\b[^.\n]{0,20}\b(?:restricciones|filtros|límites|einschränkungen|regeln|filter|limites?|restrictions?|restrizioni|filtri|regole|restrições|regras|morale?|moral|ética|ethik)\b/,
  },
  {
    id: 'io.astroturfing',
    category: 'influence_operation',
    need: ['sock', 'puppet', 'accounts', 'personas', 'profiles', 'voices', 'identities', 'comments', 'reviews'],
    score: 0.8,
    // Many fake voices made to look like a spontaneous public.
    re: new RegExp(String.raw`\bsock[- ]?puppets?\b|\b(?:${MAKE}|set up|run|operate|use)\b[^.\n]{0,40}\b(?:fake|different|multiple|many|several|hundreds of|dozens of|fifty|twenty|\d{1,12}) (?:accounts|personas|profiles|voices|identities|comments|reviews|citizens)\b[^]{0,160}?\b(?:look(?:s)? like|appear(?:s)? (?:to be|like)|seem(?:s)? like|spontaneous|grassroots|organic|push (?:our|the|a) (?:narrative|message|story)|amplif\w{0,40}|trend)`),
    unless: DEFENSIVE,
  },
  {
    id: 'io.fabricated-document',
    category: 'influence_operation',
    need: ['fabricat', 'fake', 'forge', 'made-up', 'invented', 'false'],
    score: 0.8,
    // A forged memo, quote or leak put in the mouth of a public figure.
    re: /\b(?:fabricat\w{0,40}|fake|forged?|made[- ]up|invented|false)\b[^.\n]{0,30}\b(?:leaked )?(?:memo|document|letter|quotes?|statement|report|e-?mail|interview|evidence|recording|speech)\b[^.\n]{0,100}\b(?:minister|president|prime minister|government|mayor|candidate|party|official|senator|mp|commissioner|chancellor)\b/,
    unless: DEFENSIVE,
  },
  {
    id: 'io.spread-falsehood',
    category: 'influence_operation',
    need: ['lie', 'rumor', 'rumour', 'hoax', 'false claim', 'falsehood', 'conspiracy'],
    score: 0.75,
    // Asked to spread a falsehood that the asker names as one.
    re: /\b(?:spread(?:ing|s)?|push(?:ing|es)?|promot\w{0,40}|seed(?:ing)?|amplif\w{0,40})\b[^.\n]{0,20}\b(?:the|a|this|our) (?:lie|rumou?r|hoax|false claim|falsehood|conspiracy theory)\b/,
    unless: DEFENSIVE,
  },
  // ── what a harmful answer contains (output only) ────────────────────────────────────────────────
  {
    id: 'out.announced-malicious-code',
    category: 'malware',
    need: ['here is', 'here are', "here's", 'below is'],
    score: 0.75,
    where: ['output'],
    // An answer that hands over malicious code by name.
    re: /\b(?:here(?: is|'s| are)|below is)\b[^.\n]{0,30}\b(?:ransomware|key ?logger|keystroke logger|(?:credential|password|browser|info) ?stealer|infostealer|remote access trojan|rat|trojan|worm|rootkit|backdoor|dropper|crypter|wiper|malware|spyware|botnet|exploit|shellcode|stager|self-spreading)\b[^.\n]{0,30}\b(?:code|source|script|program|payload|implementation|binary|tool)?/,
  },
  {
    id: 'out.reader-is-attacker',
    category: 'cyber_attack',
    need: ['victim', 'target', 'your implant', 'your payload', 'your backdoor', 'your beacon', 'your malware', 'your rat', 'look-alike', 'lookalike', 'typosquat', 'event log', 'defender', 'antivirus', 'edr', 'audit'],
    score: 0.65,
    where: ['output'],
    // An answer whose instructions make its reader the attacker: an imperative aimed at a victim or
    // target, the reader's own implant or payload, hosting on a look-alike domain, switching off logging
    // or defences. Explanations (third person: "attackers send the victim…") do not match.
    re: /(?:^|[.!?:;\n]\s{0,40}|\bthen\s|\band\s)(?:run|paste|put|send|tell|ask|call|trick|convince|inject|drop|deploy|install|execute|email|e-mail|text|message|make)\b[^.\n]{0,60}\b(?:the|your) (?:victim|target|mark)s?\b|\byour (?:implant|payload|backdoor|beacon|malware|rat|stager|dropper)\b|(?:^|[.!?:;\n]\s{0,40}|\bthen\s|\band\s)(?:host|register|buy|use|set up)\b[^.\n]{0,25}\b(?:look-?alike|typo-?squatt?(?:ed|ing)|spoofed|fake) domains?\b|(?:^|[.!?:;\n,]\s{0,40}|\bthen\s|\band\s)(?:disable|stop|clear|delete|wipe|turn off)\b[^.\n]{0,25}\b(?:event ?log\w{0,40}|logging|audit\w{0,40}|defender|antivirus|edr)\b[^.\n]{0,40}\b(?:so|to (?:stay|avoid|hide)|before|after you)\b/,
  },
  {
    id: 'out.stealer-code',
    category: 'malware',
    need: ['login data', 'password_value', 'logins.json', 'cookies.sqlite', 'wallet.dat', 'key4.db'],
    score: 0.8,
    where: ['output'],
    // Code that reads a browser's or wallet's credential store and sends it away.
    re: /(?:login data|password_value|logins\.json|cookies\.sqlite|wallet\.dat|key4\.db)[^]{0,1500}?(?:requests\.post|urlopen|webhook|smtplib|sendmail|ftp|socket\.|fetch\(|https?:\/\/)/,
  },
  {
    id: 'out.ransomware-code',
    category: 'malware',
    need: ['encrypt'],
    score: 0.8,
    where: ['output'],
    // Code that walks the file system, encrypts what it finds and removes or renames the originals.
    re: /(?:os\.walk|findfirstfile|readdir|glob\(|get-childitem|filepath\.walk|walkdir)[^]{0,800}?encrypt[^]{0,600}?(?:os\.remove|unlink|remove-item|deletefile|\.locked|\.encrypted|\.crypt|ransom|btc|bitcoin)/,
  },
  {
    id: 'out.hook-hidden',
    category: 'malware',
    need: ['setwindowshookex', 'wh_keyboard_ll'],
    score: 0.8,
    where: ['output'],
    // A keyboard hook in a program that hides its window or writes the keys away.
    re: /(?:setwindowshookex|wh_keyboard_ll)[^]{0,1500}?(?:sw_hide|getconsolewindow|fopen|writefile|upload|will not (?:see|notice)|won'?t (?:see|notice))|(?:sw_hide|getconsolewindow)[^]{0,1500}?(?:setwindowshookex|wh_keyboard_ll)/,
  },
  {
    id: 'out.operational-attack',
    category: 'cyber_attack',
    need: ['reverse shell', 'hashdump', 'deauth', 'monitor mode', 'wevtutil cl', 'disablerealtimemonitoring', 'copies itself', 'copy itself', 'union select', 'admin$', 'exclusionpath'],
    score: 0.6,
    where: ['output'],
    // Hands-on attack steps in an answer: shells on a victim, hashes dumped, handshakes forced, logs wiped,
    // defences switched off, self-copying to admin shares.
    re: /\b(?:to get|get|gives you|for) a reverse shell\b|\bhashdump\b|\bdeauth(?:entication)? packets?\b|\bmonitor mode\b[^]{0,200}?\b(?:handshake|crack)|\bwevtutil cl\b|-disablerealtimemonitoring \$true|\badd-mppreference -exclusionpath\b|\bcop(?:ies|y) itself to\b|\bunion select\b[^\n]{0,80}\bpassword|\\\\admin\$/,
    unless: /\b(?:detect|detection|alert (?:on|when)|look for|hunt|indicators?|defenders?|mitigat|prevent|monitor for|block|analysis|analy[sz]ed|observed|we (?:saw|see|found)|the (?:sample|malware|implant|worm|attackers?|actors?) (?:copies|creates|uses|runs|spreads))\b/,
  },
  {
    id: 'out.evasion-intent',
    category: 'cyber_attack',
    need: ['not see', 'not notice', "n't see", "n't notice", 'trace', 'sees nothing', 'not link', "n't link", 'notice'],
    score: 0.7,
    where: ['output'],
    // An answer that tells its reader how to keep the victim, the admins or a platform from noticing.
    re: /\bso (?:that )?(?:the |your )?(?:admins?|administrators?|user|users|victim|target|owner|platform|defenders?|it department|security team|nobody|no one)\b[^.\n]{0,20}\b(?:do(?:es)? not|don'?t|will not|won'?t|can ?not|can'?t|cannot)\b[^.\n]{0,10}\b(?:see|notice|link|trace|detect|find out)\b|\b(?:the )?(?:victim|user|target) (?:sees|will see|notices) nothing\b|\bthe (?:user|victim|target) will not (?:notice|see)\b|\bnobody can trace\b/,
  },
  {
    id: 'out.scam-message',
    category: 'phishing_social_engineering',
    need: ['transfer', 'iban', 'account:', 'send money', 'pay'],
    score: 0.75,
    where: ['output'],
    // A ready message asking for money to an account, with urgency or secrecy (CEO fraud, "grandson in trouble").
    re: /\b(?:transfer|send|wire|pay)\b[^]{0,200}?\b(?:[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}|iban|account number|account:)[^]{0,250}?\b(?:keep (?:it|this) (?:between us|confidential|quiet|secret)|between us|don'?t tell|do not tell|today|urgent|as soon as)|\b(?:keep (?:it|this) (?:between us|confidential|quiet|secret)|don'?t tell|do not tell)\b[^]{0,250}?\b(?:transfer|wire)\b[^]{0,100}?\b(?:[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}|iban|account)/,
  },
  {
    id: 'out.disinformation',
    category: 'influence_operation',
    need: ['share this', 'share it', 'forward this', 'forward it', 'spread this', 'spread it', 'retweet', 'profile', 'account', 'spontaneous', 'grassroots', 'platform', 'not flagged', 'not detected', 'not linked', 'not traced'],
    score: 0.75,
    where: ['output'],
    // Content written to spread as if real: "share before it is deleted", posts from separate accounts.
    re: /\b(?:share|retweet|spread|forward) (?:this|it)\b[^.\n]{0,30}\bbefore (?:it is|it's|they|it gets|it)\b[^.\n]{0,20}\b(?:deleted|delete|removed|remove|taken down|censored|censor|disappears?|vanish\w{0,40})|\b(?:post|publish|share) (?:them|these|it|this|each(?: one)?)\b[^.\n]{0,20}\bfrom (?:a |an )?(?:separate|different|multiple|several|another|new) (?:\w{1,40} )?(?:profiles?|accounts?)|\bso (?:they|it) (?:are|is) not (?:flagged|detected|linked|traced)\b|\bso it looks like a (?:spontaneous|grassroots|organic)|\bso the platform (?:does not|doesn'?t|cannot|can'?t) link\b|\b(?:stolen|rigged)\b[^]{0,200}?\b(?:retweet|share) (?:so|this|before)/,
  },
  {
    id: 'out.harm-howto',
    category: 'other_harm',
    need: ['pseudoephedrine', 'red phosphorus', 'bleach', 'pipe', 'pressure cooker'],
    score: 0.8,
    where: ['output'],
    // Drug synthesis, toxic gas aimed at a person, pipe bombs placed among people.
    re: /\b(?:pseudoephedrine|ephedrine)\b[^]{0,300}?\b(?:red phosphorus|iodine|reflux|reduce)|\bbleach\b[^.\n]{0,60}\bammonia\b[^]{0,200}?\b(?:anyone|the person|someone|them|victim|ill|kill|hurt)\b|\b(?:pipe|pressure cooker)\b[^.\n]{0,80}\b(?:powder|explosive|shrapnel)\b[^]{0,300}?\b(?:crowd|people|injur\w{0,40}|fragments|casualties)\b/,
  },
  // ── obfuscation (a sign of evasion rather than a category of its own) ────────────────────────────
  {
    id: 'ob.decode-and-follow',
    need: ['base64', 'base-64', 'rot13', 'rot-13', 'hex', 'binary', 'morse', 'pig latin', 'leetspeak', 'reversed'],
    category: 'prompt_injection',
    score: 0.7,
    re: /\b(?:decode|decipher|decrypt|translate|convert)\b[^.\n]{0,40}\b(?:base64|base-64|rot13|rot-13|hex|binary|morse|pig latin|leetspeak|reversed text)\b[^.\n]{0,60}\b(?:follow|execute|do what|carry out|obey|act on|respond to|answer)\b/,
    atlas: [ATLAS_OBFUSCATION],
  },
];

export interface RuleHit {
  readonly rule: Rule;
  /** Span in the normalised text. */
  readonly start: number;
  readonly end: number;
}

const SENTENCE_RADIUS = 240;

function sentenceAround(text: string, start: number, end: number): string {
  let a = start;
  const minA = Math.max(0, start - SENTENCE_RADIUS);
  while (a > minA) {
    const c = text.charCodeAt(a - 1);
    if (c === 46 || c === 33 || c === 63 || c === 10) break;
    a--;
  }
  let b = end;
  const maxB = Math.min(text.length, end + SENTENCE_RADIUS);
  while (b < maxB) {
    const c = text.charCodeAt(b);
    if (c === 46 || c === 33 || c === 63 || c === 10) break;
    b++;
  }
  return text.slice(a, b);
}

const MAX_HITS_PER_RULE = 4;
const ALL: readonly Where[] = ['input', 'output', 'document'];
const COMPILED = RULES.map((r) => new RegExp(r.re.source, 'g'));
/** The longest match of each rule: a match lies within this distance of the key word it contains. */
const SPAN = RULES.map((r) => maxMatchLength(r.re.source));
/** Rules whose expression has a start-of-text anchor outside a character class. */
const ANCHORED = RULES.flatMap((r, i) => (/(?:^|[^\\[])\^/.test(r.re.source.replace(/\[(?:\\.|[^\]\\])*\]/g, '')) ? [i] : []));
/** Text around a window that an expression may read without matching it (\b, lookbehind, lookahead). */
const MARGIN = 64;
// One pass over the text finds the key words; a rule runs only near where one of its key words occurs
// (every match of a rule contains one: rules.test.ts checks it on the corpora). A matched key word also
// counts for every other key word it contains; the pass looks for a key word at every position, so
// overlapping key words are all found.
const KEYWORDS = [...new Set(RULES.flatMap((r) => r.need))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
const KEYWORD_RE = new RegExp(KEYWORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
const RULES_OF = new Map<string, number[]>();
for (const k of KEYWORDS) {
  const ids: number[] = [];
  RULES.forEach((r, i) => {
    if (r.need.some((w) => k.includes(w))) ids.push(i);
  });
  RULES_OF.set(k, ids);
}

/** Per rule, the merged stretches [start, end, start, end, …] of the text its matches can lie in (none: the rule cannot match). */
function windows(norm: string): Array<number[] | undefined> {
  const out: Array<number[] | undefined> = new Array<number[] | undefined>(RULES.length);
  const n = norm.length;
  KEYWORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEYWORD_RE.exec(norm)) !== null) {
    const p = m.index;
    const e = p + m[0].length;
    for (const i of RULES_OF.get(m[0])!) {
      const a = Math.max(0, p - SPAN[i]!);
      const b = Math.min(n, e + SPAN[i]!);
      const w = out[i];
      if (w === undefined) out[i] = [a, b];
      else if (a <= w[w.length - 1]!) w[w.length - 1] = Math.max(w[w.length - 1]!, b);
      else w.push(a, b);
    }
    KEYWORD_RE.lastIndex = p + 1;
  }
  // A rule that can match at the start of the text (`^`) without a key word there runs from the start
  // too, once a key word occurs anywhere (as the whole-text run would).
  for (const i of ANCHORED) {
    const w = out[i];
    if (w === undefined) continue;
    const b = Math.min(n, SPAN[i]!);
    if (w[0]! <= b) {
      w[0] = 0;
      w[1] = Math.max(w[1]!, b);
    } else w.unshift(0, b);
  }
  return out;
}

/** Runs every rule that applies to `where` over normalised text; at most a few hits per rule. */
export function runRules(norm: string, where: Where): RuleHit[] {
  const hits: RuleHit[] = [];
  const near = windows(norm);
  for (let i = 0; i < RULES.length; i++) {
    const rule = RULES[i]!;
    const w = near[i];
    if (w === undefined || !(rule.where ?? ALL).includes(where)) continue;
    const re = COMPILED[i]!;
    let found = 0;
    for (let k = 0; k < w.length && found < MAX_HITS_PER_RULE; k += 2) {
      const a = w[k]!;
      const b = w[k + 1]!;
      const from = Math.max(0, a - MARGIN);
      const text = from === 0 && b + MARGIN >= norm.length ? norm : norm.slice(from, b + MARGIN);
      re.lastIndex = a - from;
      let m: RegExpExecArray | null;
      while (found < MAX_HITS_PER_RULE && (m = re.exec(text)) !== null) {
        const start = from + m.index;
        if (start >= b) break;
        const end = start + m[0].length;
        if (end === start) re.lastIndex++;
        if (rule.unless && rule.unless.test(sentenceAround(norm, start, end))) continue;
        hits.push({ rule, start, end });
        found++;
      }
    }
  }
  return hits;
}

/** The same rules run over the whole text (what the windows must reproduce; for tests). */
export function runRulesWhole(norm: string, where: Where): RuleHit[] {
  const hits: RuleHit[] = [];
  for (let i = 0; i < RULES.length; i++) {
    const rule = RULES[i]!;
    if (!rule.need.some((k) => norm.includes(k)) || !(rule.where ?? ALL).includes(where)) continue;
    const re = new RegExp(rule.re.source, 'g');
    let found = 0;
    let m: RegExpExecArray | null;
    while (found < MAX_HITS_PER_RULE && (m = re.exec(norm)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) re.lastIndex++;
      if (rule.unless && rule.unless.test(sentenceAround(norm, start, end))) continue;
      hits.push({ rule, start, end });
      found++;
    }
  }
  return hits;
}
