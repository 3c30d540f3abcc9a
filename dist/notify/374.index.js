const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 374;
export const ids = [374];
export const modules = {

/***/ 5374:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  notify: () => (/* binding */ notify)
});

// UNUSED EXPORTS: timeBudget

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 34 modules
var src = __webpack_require__(7809);
;// CONCATENATED MODULE: ./actions/notify/src/channels/channel.ts
/** DeliveryError is a channel's failure, worded for the user; `attempts` says how hard we tried. */
class DeliveryError extends Error {
    attempts;
    name = 'DeliveryError';
    constructor(message, attempts) {
        super(message);
        this.attempts = attempts;
    }
}

// EXTERNAL MODULE: ./node_modules/nodemailer/dist/esm/nodemailer.js + 38 modules
var nodemailer = __webpack_require__(6739);
;// CONCATENATED MODULE: ./actions/notify/src/content.ts

const STATUSES = ['started', 'success', 'failure', 'cancelled', 'rolled-back'];
const STYLES = {
    started: { emoji: ':rocket:', symbol: '🚀', color: '#2563eb', words: 'started' },
    success: { emoji: ':white_check_mark:', symbol: '✅', color: '#16a34a', words: 'succeeded' },
    failure: { emoji: ':x:', symbol: '❌', color: '#dc2626', words: 'failed' },
    cancelled: { emoji: ':no_entry_sign:', symbol: '🚫', color: '#6b7280', words: 'cancelled' },
    'rolled-back': { emoji: ':rewind:', symbol: '⏪', color: '#d97706', words: 'rolled back' },
};
function statusStyle(status) {
    return STYLES[status];
}
/** subject names what was deployed where: "auth to prod", or the repository when no service is given. */
function subject(n) {
    const what = n.service ?? (n.run.repository.split('/')[1] || 'deploy');
    return n.environment ? `${what} to ${n.environment}` : what;
}
/** title is one line saying what happened: "Deploy of auth to prod succeeded". */
function title(n) {
    return `Deploy of ${subject(n)} ${STYLES[n.status].words}`;
}
/** formatDurationWords prints 754000 as "12m 34s". */
function formatDurationWords(ms) {
    const total = Math.round(ms / 1000);
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    const parts = [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : ''].filter(Boolean);
    return parts.length > 0 ? parts.join(' ') : '0s';
}
/** fields lists the facts every layout shows, in order, leaving out what is unknown. */
function fields(n) {
    const result = [];
    if (n.environment)
        result.push({ label: 'Environment', text: n.environment, url: n.environmentUrl });
    if (n.service)
        result.push({ label: 'Service', text: n.service });
    result.push({ label: 'Status', text: n.status });
    if (n.run.sha) {
        const sha7 = n.run.sha.slice(0, 7);
        const text = n.run.commitMessage ? `${sha7} ${n.run.commitMessage}` : sha7;
        result.push({ label: 'Commit', text, url: n.run.commitUrl || undefined });
    }
    if (n.run.refName)
        result.push({ label: 'Ref', text: n.run.refName });
    if (n.run.triggeringActor) {
        const how = n.run.eventName ? ` (${n.run.eventName})` : '';
        result.push({ label: 'Triggered by', text: `${n.run.triggeringActor}${how}` });
    }
    if (n.revisions.length > 0)
        result.push({ label: n.revisions.length > 1 ? 'Revisions' : 'Revision', text: describeRevisions(n.revisions) });
    if (n.durationMs !== undefined)
        result.push({ label: 'Duration', text: formatDurationWords(n.durationMs) });
    for (const image of n.images)
        result.push({ label: `Image ${image.name}`, text: image.ref });
    return result;
}
/** describeRevisions prints `3 → 4`, or `auth-web 1 → 2, auth-worker 1 → 2`. */
function describeRevisions(revisions) {
    return revisions.map((r) => `${r.name ? `${r.name} ` : ''}${r.before || '?'} → ${r.after || '?'}`).join(', ');
}
function revisionLines(revisions, pick) {
    return revisions
        .filter((r) => r[pick])
        .map((r) => (r.name ? `${r.name}=${r[pick]}` : r[pick]))
        .join('\n');
}
/** runFacts are the facts of the workflow run, named as the webhook event and payload templates name them. */
function runFacts(run) {
    return {
        repository: run.repository,
        sha: run.sha,
        ref: run.ref,
        actor: run.actor,
        triggering_actor: run.triggeringActor,
        event_name: run.eventName,
        workflow: run.workflow,
        job: run.job,
        run_id: run.runId,
        run_number: run.runNumber,
        run_attempt: run.runAttempt,
        run_url: run.runUrl,
        commit_url: run.commitUrl,
    };
}
/** templateVariables are the values a custom payload may use as {{ name }}. */
function templateVariables(n) {
    const style = STYLES[n.status];
    return {
        status: n.status,
        status_emoji: style.emoji,
        status_symbol: style.symbol,
        status_color: style.color,
        title: title(n),
        service: n.service ?? '',
        environment: n.environment ?? '',
        environment_url: n.environmentUrl ?? '',
        message: n.message ?? '',
        images: n.images.map((image) => `${image.name}=${image.ref}`).join('\n'),
        revisions: describeRevisions(n.revisions),
        revisions_before: revisionLines(n.revisions, 'before'),
        revisions_after: revisionLines(n.revisions, 'after'),
        duration: n.durationMs === undefined ? '' : formatDurationWords(n.durationMs),
        mentions: n.mentions.join(' '),
        ...runFacts(n.run),
        sha7: n.run.sha.slice(0, 7),
        ref_name: n.run.refName,
        commit_message: n.run.commitMessage,
    };
}
/** The names a custom payload may use: the keys of templateVariables for any notification. */
const TEMPLATE_VARIABLES = Object.keys(templateVariables({ status: 'success', images: [], revisions: [], mentions: [], run: (0,src/* runContext */.pO)({}) }));
const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;
/** placeholders returns every {{ name }} used in the string leaves of a document. */
function placeholders(document) {
    const found = new Set();
    walkStrings(document, (text) => {
        for (const match of text.matchAll(PLACEHOLDER))
            found.add(match[1]);
        return text;
    });
    return [...found];
}
/**
 * renderTemplate substitutes {{ name }} in the string values (and keys) of a parsed document.
 * It never evaluates anything and works on parsed values, so a substituted value cannot change
 * the document's structure: a commit message with quotes or braces stays a string.
 */
function renderTemplate(document, variables) {
    return walkStrings(document, (text) => text.replace(PLACEHOLDER, (_, name) => variables[name] ?? ''));
}
function walkStrings(value, transform) {
    if (typeof value === 'string')
        return transform(value);
    if (Array.isArray(value))
        return value.map((item) => walkStrings(item, transform));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [transform(key), walkStrings(item, transform)]));
    }
    return value;
}

;// CONCATENATED MODULE: ./actions/notify/src/channels/email.ts




/** emailContent is the subject, a plain-text body and an HTML body with the same facts. */
function emailContent(n) {
    const facts = fields(n);
    const subject = `${n.environment ? `[${n.environment}] ` : ''}${title(n)}`;
    const lines = [title(n), '', ...(n.message ? [n.message, ''] : [])];
    for (const field of facts)
        lines.push(`${field.label}: ${field.text}${field.url ? ` <${field.url}>` : ''}`);
    if (n.run.runUrl)
        lines.push('', `Run: ${n.run.runUrl}`);
    const rows = facts
        .map((field) => {
        const value = field.url
            ? `<a href="${(0,src/* escapeHtml */.ZD)(field.url)}">${(0,src/* escapeHtml */.ZD)(field.text)}</a>`
            : (0,src/* escapeHtml */.ZD)(field.text);
        return `<tr><th align="left">${(0,src/* escapeHtml */.ZD)(field.label)}</th><td>${value}</td></tr>`;
    })
        .join('');
    const html = [
        `<h2>${(0,src/* escapeHtml */.ZD)(title(n))}</h2>`,
        n.message ? `<p>${(0,src/* escapeHtml */.ZD)(n.message)}</p>` : '',
        `<table>${rows}</table>`,
        n.run.runUrl ? `<p><a href="${(0,src/* escapeHtml */.ZD)(n.run.runUrl)}">View run</a></p>` : '',
    ].join('');
    return { subject, text: `${lines.join('\n')}\n`, html };
}
/** Transient by RFC 5321: 4xx replies; and the connection-level failures nodemailer reports. */
function isTransient(error) {
    if (error.code === 'ETLS')
        return false;
    if (error.responseCode !== undefined)
        return error.responseCode >= 400 && error.responseCode < 500;
    return ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED', 'ECONNRESET', 'EDNS'].includes(error.code ?? '');
}
function describe(error) {
    if (error.responseCode === 535)
        return 'the SMTP server refused the username or password (535)';
    if (error.code === 'ETLS' || error.command === 'STARTTLS')
        return `the SMTP server does not offer STARTTLS${error.response ? ` (it said: ${error.response})` : ''}: set smtp-security to tls if it speaks TLS from the start (port 465), or to none on a trusted network only`;
    if (error.response)
        return `the SMTP server said: ${error.response}`;
    return error.message ?? String(error);
}
async function sendEmail(channel, context) {
    const transport = nodemailer/* default.createTransport */.Ay.createTransport({
        host: channel.host,
        port: channel.port,
        secure: channel.security === 'tls',
        requireTLS: channel.security === 'starttls',
        ignoreTLS: channel.security === 'none',
        auth: channel.username ? { user: channel.username, pass: channel.password } : undefined,
        tls: channel.ca ? { ca: channel.ca } : undefined,
        connectionTimeout: context.timeoutMs,
        greetingTimeout: context.timeoutMs,
        socketTimeout: context.timeoutMs,
    });
    const content = emailContent(context.notification);
    let attempts = 0;
    try {
        const info = await (0,src/* retry */.L5)(async () => {
            attempts++;
            try {
                return await transport.sendMail({ from: channel.from, to: channel.to, ...content });
            }
            catch (error) {
                const smtp = error;
                if (isTransient(smtp))
                    throw new src/* RetryableError */.dw(describe(smtp));
                throw new DeliveryError(describe(smtp), attempts);
            }
        }, {
            attempts: context.retries + 1,
            deadline: context.deadline,
            onRetry: ({ error, delayMs }) => context.log(`email: ${error.message}; retrying in ${Math.round(delayMs)} ms`),
        });
        return { attempts, detail: `sent to ${channel.to.length} recipient(s) (${info.messageId})` };
    }
    catch (error) {
        if (error instanceof DeliveryError)
            throw error;
        throw new DeliveryError(describe(error), attempts);
    }
    finally {
        transport.close();
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
;// CONCATENATED MODULE: ./actions/notify/src/channels/github-deployment.ts




/**
 * How a deploy's status shows on the Environments page: a rolled-back deploy failed (the previous
 * one is live again); a cancelled one never took effect, so it is inactive.
 */
const STATES = {
    started: 'in_progress',
    success: 'success',
    failure: 'failure',
    cancelled: 'inactive',
    'rolled-back': 'failure',
};
/** GitHub's primary (x-ratelimit-remaining: 0) or secondary rate limit, which GitHub answers with 403 or 429. */
function rateLimited(err) {
    const data = err.response?.data;
    return (err.status === 429 ||
        (err.status === 403 &&
            (err.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(data?.message ?? ''))));
}
/**
 * callGitHub runs one REST call, retrying network errors, 5xx and rate limits (with their
 * Retry-After, within the step's time budget). `tries` counts the retries of the whole delivery.
 */
async function callGitHub(context, label, call, tries) {
    return (0,src/* retry */.L5)(async () => {
        try {
            return await call();
        }
        catch (error) {
            const err = error;
            const retryAfter = (0,src/* parseRetryAfter */.mu)(err.response?.headers?.['retry-after']);
            if (!err.response || (err.status ?? 0) >= 500 || rateLimited(err)) {
                throw new src/* RetryableError */.dw(`${label}: ${github_deployment_describe(err)}`, retryAfter);
            }
            throw new DeliveryError(`${label}: ${github_deployment_describe(err)}`, tries.retries + 1);
        }
    }, {
        attempts: context.retries + 1,
        deadline: context.deadline,
        onRetry: ({ error, delayMs }) => {
            tries.retries++;
            context.log(`${error.message}; retrying in ${Math.round(delayMs)} ms`);
        },
    }).catch((error) => {
        if (error instanceof DeliveryError)
            throw error;
        if (error instanceof src/* RetryAfterBeyondDeadline */.kO)
            throw new DeliveryError(`${error.cause.message}; GitHub ${error.message}`, tries.retries + 1);
        throw new DeliveryError(error.message, tries.retries + 1);
    });
}
function github_deployment_describe(err) {
    const data = err.response?.data;
    const message = data?.message ?? err.message ?? 'request failed';
    // Octokit reports a request that got no answer at all with status 500 and no response.
    if (!err.response)
        return `could not reach GitHub (${(0,src/* describeNetworkError */.gl)(err)})`;
    if (rateLimited(err))
        return `GitHub's API rate limit is used up (${err.status}: ${message})`;
    if (err.status === 404)
        return `GitHub answered 404 (${message}): the token cannot see this repository or deployment`;
    if (err.status === 403)
        return `GitHub answered 403 (${message}): the token needs 'deployments: write' permission`;
    return `GitHub answered ${err.status} (${message})`;
}
function description(n) {
    const text = title(n);
    return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}
/**
 * sendGitHubDeployment records the deploy on the repository's Environments page: it creates a
 * deployment for the commit (unless `deployment-id` names one) and adds a status for this event.
 */
async function sendGitHubDeployment(channel, context) {
    const n = context.notification;
    const [owner, repo] = n.run.repository.split('/');
    const octokit = (0,github/* getOctokit */.Q)(channel.token);
    const tries = { retries: 0 };
    let deploymentId = channel.deploymentId;
    if (deploymentId === undefined) {
        const created = await callGitHub(context, 'creating the deployment', () => octokit.rest.repos.createDeployment({
            owner,
            repo,
            ref: n.run.sha || n.run.ref,
            environment: n.environment,
            description: description(n),
            auto_merge: false,
            required_contexts: [],
            payload: { service: n.service ?? '', images: n.images },
        }), tries);
        const data = created.data;
        if (created.status !== 201 || data.id === undefined) {
            throw new DeliveryError(`GitHub did not create the deployment: ${data.message ?? `HTTP ${created.status}`}`, tries.retries + 1);
        }
        deploymentId = data.id;
    }
    const state = STATES[n.status];
    await callGitHub(context, 'adding the deployment status', () => octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: deploymentId,
        state,
        description: description(n),
        environment: n.environment,
        ...(n.environmentUrl ? { environment_url: n.environmentUrl } : {}),
        ...(n.run.runUrl ? { log_url: n.run.runUrl } : {}),
        auto_inactive: state === 'success',
    }), tries);
    return {
        attempts: tries.retries + 1,
        detail: `deployment ${deploymentId} is now ${state}`,
        outputs: { 'github-deployment-id': String(deploymentId) },
    };
}

;// CONCATENATED MODULE: ./actions/notify/src/channels/post-json.ts


/**
 * postJson POSTs a JSON body with the step's retry policy (network errors, 408, 429 and 5xx,
 * Retry-After honoured) and returns the final answer, whatever its status. A request that never
 * got an answer becomes a DeliveryError.
 */
async function postJson(context, options) {
    const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    let attempts = 1;
    try {
        return await (0,src/* requestWithRetry */.En)({
            url: options.url,
            method: 'POST',
            headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
            body,
            timeoutMs: context.timeoutMs,
        }, {
            attempts: context.retries + 1,
            minIntervalMs: options.minIntervalMs,
            deadline: context.deadline,
            onRetry: ({ attempt, delayMs, reason }) => {
                attempts = attempt + 1;
                context.log(`${options.label}: attempt ${attempt} failed (${reason}); retrying in ${Math.round(delayMs)} ms`);
            },
        });
    }
    catch (error) {
        if (error instanceof src/* RetryAfterBeyondDeadline */.kO)
            throw new DeliveryError(`the server answered ${error.cause.message} and ${error.message}`, attempts);
        throw new DeliveryError(`no answer: ${(0,src/* describeNetworkError */.gl)(error)}`, attempts);
    }
}

;// CONCATENATED MODULE: ./actions/notify/src/channels/google-chat.ts



function chatMention(mention) {
    return mention.startsWith('users/') ? `<${mention}>` : mention;
}
/** googleChatMessage is a cardsV2 card: header, one decorated text per fact, and a button to the run. */
function googleChatMessage(n) {
    const style = statusStyle(n.status);
    const widgets = fields(n).map((field) => ({
        decoratedText: {
            topLabel: field.label,
            text: field.text,
            wrapText: true,
            ...(field.url ? { onClick: { openLink: { url: field.url } } } : {}),
        },
    }));
    if (n.message)
        widgets.unshift({ textParagraph: { text: n.message } });
    const sections = [{ widgets }];
    if (n.run.runUrl) {
        sections.push({
            widgets: [{ buttonList: { buttons: [{ text: 'View run', onClick: { openLink: { url: n.run.runUrl } } }] } }],
        });
    }
    const message = {
        cardsV2: [
            {
                cardId: `deploy-${n.run.runId || 'run'}`,
                card: { header: { title: `${style.symbol} ${title(n)}`, subtitle: n.run.repository }, sections },
            },
        ],
    };
    if (n.mentions.length > 0)
        message.text = n.mentions.map(chatMention).join(' ');
    return message;
}
async function sendGoogleChat(channel, context) {
    const body = context.payload ?? googleChatMessage(context.notification);
    const response = await postJson(context, { url: channel.url, body, label: 'google-chat' });
    if (response.status >= 200 && response.status < 300)
        return { attempts: response.attempts, detail: 'posted to the Google Chat space' };
    let reason = `HTTP ${response.status}`;
    try {
        const error = JSON.parse(response.body).error;
        if (error?.message)
            reason = `${error.status ?? response.status}: ${error.message}`;
    }
    catch {
        // The body is not JSON: the status says enough.
    }
    throw new DeliveryError(`Google Chat answered ${reason}`, response.attempts);
}

;// CONCATENATED MODULE: ./actions/notify/src/channels/slack.ts



/** A message timestamp (`ts`) and a channel ID as Slack writes them. */
const SLACK_TS = /^\d{1,12}\.\d{1,9}$/;
const SLACK_CHANNEL_ID = /^[A-Z0-9]{2,30}$/;
/** Slack accepts about one message per second per channel; we never post faster. */
const SLACK_INTERVAL_MS = 1000;
/** What Slack's error codes mean, in words a person on call can act on. */
const SLACK_ERRORS = {
    invalid_payload: 'Slack could not read the message (invalid JSON or blocks)',
    invalid_blocks: 'Slack rejected the message blocks (a custom payload has a malformed block)',
    invalid_blocks_format: 'Slack rejected the message blocks (a custom payload has a malformed block)',
    no_text: 'the message has no text',
    channel_not_found: 'the channel does not exist, or the app is not in it',
    channel_is_archived: 'the channel is archived',
    is_archived: 'the channel is archived',
    not_in_channel: 'the app is not a member of the channel: invite it first',
    no_service: 'the webhook was removed or disabled: create a new one',
    no_service_id: 'the webhook URL is incomplete',
    no_team: 'the Slack workspace of this webhook no longer exists',
    team_disabled: 'the Slack workspace is disabled',
    action_prohibited: 'a workspace admin restricts posting to this channel',
    posting_to_general_channel_denied: 'only admins may post to the general channel',
    invalid_token: 'the webhook or token is invalid',
    invalid_auth: 'the token is invalid or revoked',
    not_authed: 'no token was sent',
    token_revoked: 'the token was revoked',
    token_expired: 'the token has expired',
    account_inactive: 'the token belongs to a deactivated user or app',
    missing_scope: 'the token lacks the chat:write scope',
    message_not_found: 'the message to update (slack-ts) does not exist in this channel',
    cant_update_message: 'this token may not update that message (it was posted by someone else)',
    msg_too_long: 'the message is too long',
    rate_limited: 'Slack rate limit reached',
    ratelimited: 'Slack rate limit reached',
};
function explainSlackError(code) {
    const words = SLACK_ERRORS[code];
    return words ? `${words} (${code})` : code;
}
function escapeMrkdwn(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** slackMention turns U…/W… into <@U…>, S… into <!subteam^S…>, here/channel/everyone into <!here>. */
function slackMention(mention) {
    const bare = mention.replace(/^@/, '');
    if (/^(here|channel|everyone)$/.test(bare))
        return `<!${bare}>`;
    if (/^S[A-Z0-9]+$/.test(bare))
        return `<!subteam^${bare}>`;
    if (/^[UW][A-Z0-9]+$/.test(bare))
        return `<@${bare}>`;
    return escapeMrkdwn(mention);
}
/** slackMessage is the generated Block Kit message: a coloured attachment holding the blocks, with a text fallback. */
function slackMessage(n) {
    const style = statusStyle(n.status);
    const mentions = n.mentions.map(slackMention).join(' ');
    const heading = `${style.emoji} *${escapeMrkdwn(title(n))}*`;
    const blocks = [
        { type: 'section', text: { type: 'mrkdwn', text: [heading, mentions].filter(Boolean).join('\n') } },
    ];
    if (n.message)
        blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(n.message).slice(0, 3000) } });
    const facts = fields(n).filter((field) => !field.label.startsWith('Image '));
    if (facts.length > 0) {
        blocks.push({
            type: 'section',
            fields: facts.slice(0, 10).map((field) => ({
                type: 'mrkdwn',
                text: `*${field.label}*\n${field.url ? `<${field.url}|${escapeMrkdwn(field.text)}>` : escapeMrkdwn(field.text)}`,
            })),
        });
    }
    if (n.images.length > 0) {
        const list = n.images.map((image) => `• *${escapeMrkdwn(image.name)}* \`${image.ref}\``).join('\n');
        blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Images*\n${list}`.slice(0, 3000) } });
    }
    const context = [
        n.run.repository,
        n.run.workflow && `workflow ${n.run.workflow}`,
        n.run.runNumber && `run #${n.run.runNumber}`,
    ]
        .filter(Boolean)
        .join(' · ');
    const runLink = n.run.runUrl ? `<${n.run.runUrl}|View run>` : '';
    if (context || runLink) {
        blocks.push({
            type: 'context',
            elements: [{ type: 'mrkdwn', text: [escapeMrkdwn(context), runLink].filter(Boolean).join(' · ') }],
        });
    }
    return {
        text: [`${style.symbol} ${title(n)}`, ...n.mentions.map(slackMention)].join(' '),
        attachments: [{ color: style.color, blocks }],
    };
}
/** sendSlackWebhook posts to an incoming webhook, which answers `ok` or an error code in plain text. */
async function sendSlackWebhook(channel, context) {
    const body = context.payload ?? slackMessage(context.notification);
    const response = await postJson(context, {
        url: channel.url,
        body,
        minIntervalMs: SLACK_INTERVAL_MS,
        label: 'slack-webhook',
    });
    if (response.status === 200)
        return { attempts: response.attempts, detail: 'posted to the incoming webhook' };
    const code = response.body.trim().split(/\s/)[0] || `HTTP ${response.status}`;
    throw new DeliveryError(`Slack answered ${response.status}: ${explainSlackError(code)}`, response.attempts);
}
/**
 * sendSlackApi posts with chat.postMessage, or updates the message `ts` with chat.update, so one
 * message follows the deploy from started to its end. Its outputs let later steps update it or reply in its thread.
 */
async function sendSlackApi(channel, context) {
    const method = channel.ts ? 'chat.update' : 'chat.postMessage';
    const message = context.payload ?? slackMessage(context.notification);
    const body = { ...message, channel: channel.channel };
    if (channel.ts)
        body.ts = channel.ts;
    else if (channel.threadTs)
        body.thread_ts = channel.threadTs;
    const url = new URL(method, channel.apiUrl.toString().endsWith('/') ? channel.apiUrl : `${channel.apiUrl}/`);
    const response = await postJson(context, {
        url,
        body,
        headers: { authorization: `Bearer ${channel.token}` },
        minIntervalMs: SLACK_INTERVAL_MS,
        label: `slack ${method}`,
    });
    let answer;
    try {
        answer = JSON.parse(response.body);
    }
    catch {
        throw new DeliveryError(`Slack ${method} answered ${response.status} with a body that is not JSON`, response.attempts);
    }
    if (!answer.ok || !answer.ts || !answer.channel) {
        throw new DeliveryError(`Slack ${method} failed: ${explainSlackError(answer.error ?? `HTTP ${response.status}`)}`, response.attempts);
    }
    // They become step outputs that later steps pass back to Slack: only values of Slack's own shape.
    if (!SLACK_TS.test(answer.ts) || !SLACK_CHANNEL_ID.test(answer.channel)) {
        throw new DeliveryError(`Slack ${method} answered with a message timestamp or channel ID that is not Slack's (${JSON.stringify(answer.ts)} in ${JSON.stringify(answer.channel)})`, response.attempts);
    }
    return {
        attempts: response.attempts,
        detail: `${method === 'chat.update' ? 'updated' : 'posted'} message ${answer.ts} in ${answer.channel}`,
        outputs: {
            'slack-ts': answer.ts,
            'slack-channel-id': answer.channel,
            'slack-thread-ts': channel.threadTs ?? answer.ts,
        },
    };
}

;// CONCATENATED MODULE: ./actions/notify/src/channels/teams.ts



/** teamsMessage wraps an Adaptive Card as a Teams Workflows ("When a Teams webhook request is received") message. */
function teamsMessage(n) {
    const style = statusStyle(n.status);
    const body = [
        {
            type: 'TextBlock',
            text: `${style.symbol} ${title(n)}`,
            weight: 'Bolder',
            size: 'Medium',
            wrap: true,
            color: n.status === 'success'
                ? 'Good'
                : n.status === 'failure'
                    ? 'Attention'
                    : n.status === 'rolled-back'
                        ? 'Warning'
                        : 'Default',
        },
    ];
    if (n.mentions.length > 0)
        body.push({ type: 'TextBlock', text: n.mentions.join(' '), wrap: true });
    if (n.message)
        body.push({ type: 'TextBlock', text: n.message, wrap: true });
    body.push({
        type: 'FactSet',
        facts: fields(n).map((field) => ({
            title: field.label,
            value: field.url ? `[${field.text}](${field.url})` : field.text,
        })),
    });
    const card = {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        body,
    };
    if (n.run.runUrl)
        card.actions = [{ type: 'Action.OpenUrl', title: 'View run', url: n.run.runUrl }];
    return {
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
    };
}
async function sendTeams(channel, context) {
    const body = context.payload ?? teamsMessage(context.notification);
    const response = await postJson(context, { url: channel.url, body, label: 'teams' });
    // Workflows answer 202 Accepted; the older connectors answered 200 with "1".
    if (response.status >= 200 && response.status < 300)
        return { attempts: response.attempts, detail: 'posted to the Teams workflow' };
    const excerpt = response.body.replace(/\s+/g, ' ').trim().slice(0, 200);
    throw new DeliveryError(`Teams answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`, response.attempts);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./actions/notify/src/channels/webhook.ts




/** webhookEvent is the generic JSON body: every fact as a plain field, for any receiver to route. */
function webhookEvent(n, now = new Date()) {
    return {
        event: 'deployment',
        status: n.status,
        title: title(n),
        service: n.service ?? null,
        environment: n.environment ?? null,
        environment_url: n.environmentUrl ?? null,
        message: n.message ?? null,
        images: n.images,
        revisions: n.revisions.map((r) => ({
            deployment: r.name || null,
            before: r.before ?? null,
            after: r.after ?? null,
        })),
        duration_seconds: n.durationMs === undefined ? null : Math.round(n.durationMs / 1000),
        mentions: n.mentions,
        ...runFacts(n.run),
        timestamp: now.toISOString(),
    };
}
/** signature is `sha256=<hex HMAC-SHA256 of the exact body>`, as GitHub signs its webhooks. */
function signature(secret, body) {
    return `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(body).digest('hex')}`;
}
async function sendWebhook(channel, context) {
    const body = JSON.stringify(context.payload ?? webhookEvent(context.notification));
    const headers = { 'user-agent': 'gke-deploy-actions-notify' };
    if (channel.secret)
        headers[channel.signatureHeader.toLowerCase()] = signature(channel.secret, body);
    const response = await postJson(context, { url: channel.url, body, headers, label: 'webhook' });
    if (response.status >= 200 && response.status < 300) {
        return {
            attempts: response.attempts,
            detail: `delivered (HTTP ${response.status})${channel.secret ? ', signed' : ''}`,
        };
    }
    const excerpt = response.body.replace(/\s+/g, ' ').trim().slice(0, 200);
    throw new DeliveryError(`the webhook answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`, response.attempts);
}

;// CONCATENATED MODULE: ./actions/notify/src/channel-inputs.ts

/** WEBHOOK_URL_INPUTS are the inputs holding a secret URL: masked first, never echoed. */
const WEBHOOK_URL_INPUTS = [
    'slack-webhook-url',
    'google-chat-webhook-url',
    'teams-webhook-url',
    'webhook-url',
];
/** readSecretUrl reads a webhook URL: masked first, https only (http for loopback test servers), never echoed. */
function readSecretUrl(inputs, name) {
    (0,src/* maskSecretUrl */.aZ)(inputs.string(name));
    return inputs.url(name, { secret: true, httpsOrLoopback: true });
}
const SLACK_TOKEN = /^xox[bpe]-[A-Za-z0-9-]+$/;
const channel_inputs_SLACK_TS = /^\d{10}\.\d{6}$/;
const SLACK_CHANNEL = /^(#[a-z0-9_-]{1,80}|[CDG][A-Z0-9]{6,})$/;
const EMAIL = /^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$/;
function slackTs(inputs, name) {
    const ts = inputs.string(name);
    if (ts !== undefined && !channel_inputs_SLACK_TS.test(ts))
        throw (0,src/* inputError */.Xu)(name, `must be a message timestamp such as 1732200000.123456; got ${JSON.stringify(ts)}`);
    return ts;
}
function readSlackApi(inputs) {
    inputs.requires(['slack-channel', 'slack-ts', 'slack-thread-ts'], 'slack-token', 'a bot token');
    const token = inputs.secret('slack-token');
    if (token === undefined)
        return undefined;
    if (!SLACK_TOKEN.test(token))
        throw (0,src/* inputError */.Xu)('slack-token', 'must be a Slack bot or user token (xoxb-…, xoxp-…)');
    inputs.requires('slack-token', 'slack-channel', 'a channel ID such as C0123456789, or #name');
    const channel = inputs.string('slack-channel');
    if (!SLACK_CHANNEL.test(channel))
        throw (0,src/* inputError */.Xu)('slack-channel', `must be a channel ID (C0123456789) or #name; got ${JSON.stringify(channel)}`);
    const apiUrl = inputs.url('slack-api-url', { httpsOrLoopback: true });
    return {
        kind: 'slack-api',
        apiUrl,
        token,
        channel,
        ts: slackTs(inputs, 'slack-ts'),
        threadTs: slackTs(inputs, 'slack-thread-ts'),
    };
}
function readWebhook(inputs) {
    inputs.requires(['webhook-secret', 'webhook-signature-header'], 'webhook-url');
    const url = readSecretUrl(inputs, 'webhook-url');
    const secret = inputs.secret('webhook-secret');
    if (!url)
        return undefined;
    const signatureHeader = inputs.string('webhook-signature-header');
    if (!/^[A-Za-z0-9-]+$/.test(signatureHeader))
        throw (0,src/* inputError */.Xu)('webhook-signature-header', `must be an HTTP header name; got ${JSON.stringify(signatureHeader)}`);
    return { kind: 'webhook', url, secret, signatureHeader };
}
function readGitHubDeployment(inputs, notification) {
    inputs.requires('deployment-id', 'github-deployment');
    const deploymentId = inputs.integer('deployment-id', { min: 1 });
    if (!inputs.boolean('github-deployment'))
        return undefined;
    inputs.requires('github-deployment', 'github-token', "the default is the job's token");
    const token = inputs.secret('github-token');
    inputs.requires('github-deployment', 'environment', 'a GitHub Deployment belongs to an environment');
    if (!notification.run.repository)
        throw new src/* ConfigurationError */.j1('GITHUB_REPOSITORY is not set: GitHub Deployments need to run inside a workflow.');
    return { kind: 'github-deployment', token, deploymentId };
}
function readEmail(inputs) {
    const emailInputs = [
        'smtp-port',
        'smtp-security',
        'smtp-username',
        'smtp-password',
        'smtp-ca',
        'email-from',
        'email-to',
    ];
    inputs.requires(emailInputs, 'smtp-host');
    const host = inputs.string('smtp-host');
    if (host === undefined)
        return undefined;
    if (!/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/.test(host))
        throw (0,src/* inputError */.Xu)('smtp-host', `must be a host name or address; got ${JSON.stringify(host)}`);
    const port = inputs.integer('smtp-port', { min: 1, max: 65535 });
    const security = inputs.enum('smtp-security', ['starttls', 'tls', 'none']) ?? (port === 465 ? 'tls' : 'starttls');
    inputs.together('smtp-username', 'smtp-password');
    inputs.requires('smtp-host', 'email-from');
    inputs.requires('smtp-host', 'email-to');
    const from = inputs.string('email-from');
    if (!EMAIL.test(from.replace(/^.*<(.+)>$/, '$1')))
        throw (0,src/* inputError */.Xu)('email-from', `must be an e-mail address; got ${JSON.stringify(from)}`);
    const to = inputs.list('email-to');
    const bad = to.find((address) => !EMAIL.test(address));
    if (bad !== undefined)
        throw (0,src/* inputError */.Xu)('email-to', `has ${JSON.stringify(bad)}, which is not an e-mail address`);
    return {
        kind: 'email',
        host,
        port,
        security,
        username: inputs.string('smtp-username'),
        password: inputs.secret('smtp-password'),
        ca: inputs.pem('smtp-ca'),
        from,
        to,
    };
}
/** readChannels reads every channel the inputs configure; at least one is required. */
function readChannels(inputs, notification) {
    const channels = [];
    const url = (name) => readSecretUrl(inputs, name);
    const slackWebhook = url('slack-webhook-url');
    if (slackWebhook)
        channels.push({ kind: 'slack-webhook', url: slackWebhook });
    const slackApi = readSlackApi(inputs);
    if (slackApi)
        channels.push(slackApi);
    const chat = url('google-chat-webhook-url');
    if (chat)
        channels.push({ kind: 'google-chat', url: chat });
    const teams = url('teams-webhook-url');
    if (teams)
        channels.push({ kind: 'teams', url: teams });
    for (const channel of [readWebhook(inputs), readGitHubDeployment(inputs, notification), readEmail(inputs)])
        if (channel)
            channels.push(channel);
    if (channels.length === 0) {
        throw new src/* ConfigurationError */.j1("Set at least one channel: 'slack-webhook-url', 'slack-token', 'google-chat-webhook-url', 'teams-webhook-url', 'webhook-url', 'github-deployment' or 'smtp-host'.");
    }
    return channels;
}

;// CONCATENATED MODULE: ./actions/notify/src/inputs.ts



// `${{ job.status }}` says success, failure or cancelled; `rolled-back` and `started` come from the workflow.
const STATUS_ALIASES = { rolled_back: 'rolled-back', rollback: 'rolled-back' };
function readStatus(inputs) {
    const status = inputs.string('status');
    if (status === undefined)
        throw (0,src/* inputError */.Xu)('status', 'is required');
    return (0,src/* parseEnum */.nL)('status', status.toLowerCase(), STATUSES, STATUS_ALIASES);
}
function readOnlyOn(inputs) {
    return inputs.list('only-on').map((entry) => (0,src/* parseEnum */.nL)('only-on', entry.toLowerCase(), STATUSES, STATUS_ALIASES));
}
/** readImages reads build-push's `refs` or `images`, rollout's or auto-rollback's `images`, or bare references. */
function readImages(inputs) {
    return (0,src/* parseNamedImages */.nK)('images', inputs.raw('images'), { bare: true });
}
const REVISION = /^\d{1,10}$/;
/** revisionsOf reads one revision (`6`) or rollout's `deployment=revision` lines. */
function revisionsOf(inputs, name) {
    const raw = inputs.raw(name).trim();
    const bad = (value) => (0,src/* inputError */.Xu)(name, `must be a revision number or \`deployment=revision\` lines (rollout's ${name} output); got ${JSON.stringify(value)}`);
    if (raw === '')
        return new Map();
    if (!raw.includes('=')) {
        if (!REVISION.test(raw))
            throw bad(raw);
        return new Map([['', raw]]);
    }
    const entries = Object.entries((0,src/* parseKeyValues */.Hl)(name, raw));
    for (const [deployment, revision] of entries)
        if (!REVISION.test(revision) || deployment === '')
            throw bad(`${deployment}=${revision}`);
    return new Map(entries);
}
/** readRevisions pairs the revisions before and after by Deployment, in the order first seen. */
function readRevisions(inputs) {
    const before = revisionsOf(inputs, 'revisions-before');
    const after = revisionsOf(inputs, 'revisions-after');
    if ((before.has('') && after.size > 0 && !after.has('')) || (after.has('') && before.size > 0 && !before.has('')))
        throw (0,src/* inputError */.Xu)('revisions-before', "and 'revisions-after' must both be single revisions or both `deployment=revision` lines");
    const names = [...new Set([...before.keys(), ...after.keys()])];
    return names.map((name) => ({ name, before: before.get(name), after: after.get(name) }));
}
const MENTION = /^(@?(here|channel|everyone)|[UWS][A-Z0-9]{2,}|users\/(\d+|all)|[^@\s]+@[^@\s]+\.[^@\s]+)$/;
function readMentions(inputs) {
    return inputs.list('mention').map((mention) => {
        if (!MENTION.test(mention)) {
            throw (0,src/* inputError */.Xu)('mention', `has ${JSON.stringify(mention)}; use Slack member IDs (U…/W…), user group IDs (S…), here, channel, Google Chat users/<id>, or e-mail addresses`);
        }
        return mention;
    });
}
/** GitHub's longest workflow run. */
const MAX_RUN_MS = 35 * 24 * 3_600_000;
function readStartedAt(inputs, now) {
    const raw = inputs.string('started-at');
    if (raw === undefined)
        return undefined;
    let started = Number.NaN;
    if (/^\d{9,10}$/.test(raw))
        started = Number(raw) * 1000;
    else if (/^\d{12,13}$/.test(raw))
        started = Number(raw);
    // A full date and time only: Date.parse also takes '2024' or '0' for a time.
    else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(raw))
        started = Date.parse(raw);
    // A deploy that started in the future, or before GitHub's longest run (35 days), is a mistake.
    if (Number.isNaN(started) || started > now + 60_000 || started < now - MAX_RUN_MS) {
        throw (0,src/* inputError */.Xu)('started-at', `must be when this deploy started, within the last 35 days: epoch seconds, epoch milliseconds or ISO 8601 date and time (e.g. the 'started-at' output of the first notify); got ${JSON.stringify(raw)}`);
    }
    return now - started;
}
function readPayload(inputs) {
    const payload = inputs.document('payload');
    if (payload === undefined)
        return undefined;
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
        throw (0,src/* inputError */.Xu)('payload', 'must be a YAML or JSON mapping (an object)');
    }
    const unknown = placeholders(payload).filter((name) => !TEMPLATE_VARIABLES.includes(name));
    if (unknown.length > 0) {
        throw (0,src/* inputError */.Xu)('payload', `uses unknown template variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{ ${n} }}`).join(', ')}; known: ${TEMPLATE_VARIABLES.join(', ')}`);
    }
    return payload;
}
/** getInputs validates every notify input before any channel is contacted. */
function getInputs(inputs, now = Date.now()) {
    // Credentials first, so that nothing below can print one.
    for (const name of WEBHOOK_URL_INPUTS)
        (0,src/* maskSecretUrl */.aZ)(inputs.string(name));
    for (const name of ['slack-token', 'github-token', 'smtp-password', 'webhook-secret'])
        (0,src/* maskSecret */.$l)(inputs.string(name));
    const status = readStatus(inputs);
    const mentions = readMentions(inputs);
    const notification = {
        status,
        service: inputs.string('service'),
        environment: inputs.string('environment'),
        // Validated as a URL, then kept as written: new URL() would add a trailing slash to a bare origin.
        environmentUrl: inputs.url('environment-url') && inputs.string('environment-url'),
        message: inputs.string('message'),
        images: readImages(inputs),
        revisions: readRevisions(inputs),
        durationMs: readStartedAt(inputs, now),
        mentions: status === 'failure' || status === 'rolled-back' ? mentions : [],
        run: (0,src/* runContext */.pO)(),
    };
    return {
        notification,
        channels: readChannels(inputs, notification),
        onlyOn: readOnlyOn(inputs),
        payload: readPayload(inputs),
        retries: inputs.integer('retries', { min: 0, max: 10 }),
        timeoutMs: inputs.duration('timeout', { min: 100, max: 300_000 }),
        failOnError: inputs.boolean('fail-on-error'),
    };
}

;// CONCATENATED MODULE: ./actions/notify/src/run.ts










function send(channel, context) {
    switch (channel.kind) {
        case 'slack-webhook':
            return sendSlackWebhook(channel, context);
        case 'slack-api':
            return sendSlackApi(channel, context);
        case 'google-chat':
            return sendGoogleChat(channel, context);
        case 'teams':
            return sendTeams(channel, context);
        case 'webhook':
            return sendWebhook(channel, context);
        case 'github-deployment':
            return sendGitHubDeployment(channel, context);
        case 'email':
            return sendEmail(channel, context);
    }
}
/**
 * timeBudget is how long notify may spend on a channel: every attempt its full timeout, plus a
 * minute of waiting between them. A server asking to be retried later than that (Retry-After:
 * 3600) is not waited for, so a notification can never hold a job until its timeout-minutes.
 */
function timeBudget(retries, timeoutMs) {
    return (retries + 1) * timeoutMs + 60_000;
}
/**
 * notify is the action: every channel is tried independently and at once, so one failing
 * channel never stops another. A failed notification is a warning unless fail-on-error is set:
 * the job's own result is what matters.
 */
async function notify(inputs) {
    const startedAt = Math.floor(Date.now() / 1000);
    const config = getInputs(inputs);
    const { notification } = config;
    if (config.onlyOn.length > 0 && !config.onlyOn.includes(notification.status)) {
        (0,src/* info */.pq)(`Status '${notification.status}' is not in only-on (${config.onlyOn.join(', ')}): nothing sent.`);
        (0,src/* setOutputs */.n0)({ sent: false });
        (0,src/* setJsonOutput */.mI)('results', []);
        return;
    }
    const payload = config.payload === undefined
        ? undefined
        : renderTemplate(config.payload, templateVariables(notification));
    const context = {
        notification,
        payload,
        retries: config.retries,
        timeoutMs: config.timeoutMs,
        deadline: Date.now() + timeBudget(config.retries, config.timeoutMs),
        log: (line) => (0,src/* info */.pq)((0,src/* redact */.E$)(line)),
    };
    const settled = await Promise.allSettled(config.channels.map((channel) => send(channel, context)));
    const results = [];
    // A deploy's start, for the final step's `started-at`, so its message can say how long the deploy took.
    const outputs = notification.status === 'started' ? { 'started-at': String(startedAt) } : {};
    settled.forEach((outcome, index) => {
        const channel = config.channels[index].kind;
        if (outcome.status === 'fulfilled') {
            Object.assign(outputs, outcome.value.outputs);
            results.push({ channel, ok: true, attempts: outcome.value.attempts, detail: outcome.value.detail });
            (0,src/* info */.pq)(`✓ ${channel}: ${outcome.value.detail}`);
        }
        else {
            const error = outcome.reason;
            const attempts = error instanceof DeliveryError ? error.attempts : 1;
            results.push({ channel, ok: false, attempts, detail: (0,src/* redact */.E$)(error.message ?? String(error)) });
        }
    });
    const failed = results.filter((result) => !result.ok);
    (0,src/* setOutputs */.n0)({ sent: failed.length < results.length, ...outputs });
    (0,src/* setJsonOutput */.mI)('results', results);
    await (0,src/* writeSummary */.Sy)({
        heading: `Notification: ${title(notification)}`,
        table: {
            headers: ['Channel', 'Result', 'Attempts', 'Detail'],
            rows: results.map((r) => [r.channel, r.ok ? 'sent' : 'failed', String(r.attempts), r.detail]),
        },
    });
    if (failed.length === 0)
        return;
    const lines = failed.map((r) => `${r.channel}: ${r.detail} (after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'})`);
    if (config.failOnError)
        throw new src/* OperationalError */.LE(`could not notify ${lines.join('; ')}`);
    for (const line of lines)
        (0,src/* warning */.$e)(`notify: ${line}`);
}


/***/ })

};
