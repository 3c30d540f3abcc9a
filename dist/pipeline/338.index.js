const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 338;
export const ids = [338];
export const modules = {

/***/ 75338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  notify: () => (/* binding */ notify)
});

// UNUSED EXPORTS: timeBudget

// EXTERNAL MODULE: ./packages/action-kit/src/log.ts
var log = __webpack_require__(46671);
// EXTERNAL MODULE: ./packages/action-kit/src/outputs.ts
var src_outputs = __webpack_require__(79831);
// EXTERNAL MODULE: ./packages/action-kit/src/secrets.ts
var secrets = __webpack_require__(85736);
// EXTERNAL MODULE: ./packages/action-kit/src/errors.ts
var errors = __webpack_require__(48826);
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

// EXTERNAL MODULE: ./packages/action-kit/src/retry.ts
var retry = __webpack_require__(75511);
// EXTERNAL MODULE: ./node_modules/nodemailer/dist/esm/nodemailer.js + 38 modules
var nodemailer = __webpack_require__(16739);
// EXTERNAL MODULE: ./actions/notify/src/content.ts
var content = __webpack_require__(68290);
;// CONCATENATED MODULE: ./actions/notify/src/channels/email.ts




/** emailContent is the subject, a plain-text body and an HTML body with the same facts. */
function emailContent(n) {
    const facts = (0,content/* fields */.OA)(n);
    const subject = `${n.environment ? `[${n.environment}] ` : ''}${(0,content/* title */.DD)(n)}`;
    const lines = [(0,content/* title */.DD)(n), '', ...(n.message ? [n.message, ''] : [])];
    for (const field of facts)
        lines.push(`${field.label}: ${field.text}${field.url ? ` <${field.url}>` : ''}`);
    if (n.run.runUrl)
        lines.push('', `Run: ${n.run.runUrl}`);
    const rows = facts
        .map((field) => {
        const value = field.url
            ? `<a href="${(0,src_outputs/* escapeHtml */.ZD)(field.url)}">${(0,src_outputs/* escapeHtml */.ZD)(field.text)}</a>`
            : (0,src_outputs/* escapeHtml */.ZD)(field.text);
        return `<tr><th align="left">${(0,src_outputs/* escapeHtml */.ZD)(field.label)}</th><td>${value}</td></tr>`;
    })
        .join('');
    const html = [
        `<h2>${(0,src_outputs/* escapeHtml */.ZD)((0,content/* title */.DD)(n))}</h2>`,
        n.message ? `<p>${(0,src_outputs/* escapeHtml */.ZD)(n.message)}</p>` : '',
        `<table>${rows}</table>`,
        n.run.runUrl ? `<p><a href="${(0,src_outputs/* escapeHtml */.ZD)(n.run.runUrl)}">View run</a></p>` : '',
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
        const info = await (0,retry/* retry */.L5)(async () => {
            attempts++;
            try {
                return await transport.sendMail({ from: channel.from, to: channel.to, ...content });
            }
            catch (error) {
                const smtp = error;
                if (isTransient(smtp))
                    throw new retry/* RetryableError */.dw(describe(smtp));
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
var github = __webpack_require__(92413);
// EXTERNAL MODULE: ./packages/action-kit/src/http.ts
var http = __webpack_require__(84917);
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
    return (0,retry/* retry */.L5)(async () => {
        try {
            return await call();
        }
        catch (error) {
            const err = error;
            const retryAfter = (0,retry/* parseRetryAfter */.mu)(err.response?.headers?.['retry-after']);
            if (!err.response || (err.status ?? 0) >= 500 || rateLimited(err)) {
                throw new retry/* RetryableError */.dw(`${label}: ${github_deployment_describe(err)}`, retryAfter);
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
        if (error instanceof retry/* RetryAfterBeyondDeadline */.kO)
            throw new DeliveryError(`${error.cause.message}; GitHub ${error.message}`, tries.retries + 1);
        throw new DeliveryError(error.message, tries.retries + 1);
    });
}
function github_deployment_describe(err) {
    const data = err.response?.data;
    const message = data?.message ?? err.message ?? 'request failed';
    // Octokit reports a request that got no answer at all with status 500 and no response.
    if (!err.response)
        return `could not reach GitHub (${(0,http/* describeNetworkError */.gl)(err)})`;
    if (rateLimited(err))
        return `GitHub's API rate limit is used up (${err.status}: ${message})`;
    if (err.status === 404)
        return `GitHub answered 404 (${message}): the token cannot see this repository or deployment`;
    if (err.status === 403)
        return `GitHub answered 403 (${message}): the token needs 'deployments: write' permission`;
    return `GitHub answered ${err.status} (${message})`;
}
function description(n) {
    const text = (0,content/* title */.DD)(n);
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
        return await (0,http/* requestWithRetry */.En)({
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
        if (error instanceof retry/* RetryAfterBeyondDeadline */.kO)
            throw new DeliveryError(`the server answered ${error.cause.message} and ${error.message}`, attempts);
        throw new DeliveryError(`no answer: ${(0,http/* describeNetworkError */.gl)(error)}`, attempts);
    }
}

;// CONCATENATED MODULE: ./actions/notify/src/channels/google-chat.ts



function chatMention(mention) {
    return mention.startsWith('users/') ? `<${mention}>` : mention;
}
/** googleChatMessage is a cardsV2 card: header, one decorated text per fact, and a button to the run. */
function googleChatMessage(n) {
    const style = (0,content/* statusStyle */.qi)(n.status);
    const widgets = (0,content/* fields */.OA)(n).map((field) => ({
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
                card: { header: { title: `${style.symbol} ${(0,content/* title */.DD)(n)}`, subtitle: n.run.repository }, sections },
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
    const style = (0,content/* statusStyle */.qi)(n.status);
    const mentions = n.mentions.map(slackMention).join(' ');
    const heading = `${style.emoji} *${escapeMrkdwn((0,content/* title */.DD)(n))}*`;
    const blocks = [
        { type: 'section', text: { type: 'mrkdwn', text: [heading, mentions].filter(Boolean).join('\n') } },
    ];
    if (n.message)
        blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(n.message).slice(0, 3000) } });
    const facts = (0,content/* fields */.OA)(n).filter((field) => !field.label.startsWith('Image '));
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
        text: [`${style.symbol} ${(0,content/* title */.DD)(n)}`, ...n.mentions.map(slackMention)].join(' '),
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
    const style = (0,content/* statusStyle */.qi)(n.status);
    const body = [
        {
            type: 'TextBlock',
            text: `${style.symbol} ${(0,content/* title */.DD)(n)}`,
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
        facts: (0,content/* fields */.OA)(n).map((field) => ({
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
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./actions/notify/src/channels/webhook.ts




/** webhookEvent is the generic JSON body: every fact as a plain field, for any receiver to route. */
function webhookEvent(n, now = new Date()) {
    return {
        event: 'deployment',
        status: n.status,
        title: (0,content/* title */.DD)(n),
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
        ...(0,content/* runFacts */.pI)(n.run),
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
async function notify(config) {
    const startedAt = Math.floor(Date.now() / 1000);
    const { notification } = config;
    if (config.onlyOn.length > 0 && !config.onlyOn.includes(notification.status)) {
        (0,log/* info */.pq)(`Status '${notification.status}' is not in only-on (${config.onlyOn.join(', ')}): nothing sent.`);
        (0,src_outputs/* setOutputs */.n0)({ sent: false });
        (0,src_outputs/* setJsonOutput */.mI)('results', []);
        return;
    }
    const payload = config.payload === undefined
        ? undefined
        : (0,content/* renderTemplate */.Xm)(config.payload, (0,content/* templateVariables */.Qp)(notification));
    const context = {
        notification,
        payload,
        retries: config.retries,
        timeoutMs: config.timeoutMs,
        deadline: Date.now() + timeBudget(config.retries, config.timeoutMs),
        log: (line) => (0,log/* info */.pq)((0,secrets/* redact */.E$)(line)),
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
            (0,log/* info */.pq)(`✓ ${channel}: ${outcome.value.detail}`);
        }
        else {
            const error = outcome.reason;
            const attempts = error instanceof DeliveryError ? error.attempts : 1;
            results.push({ channel, ok: false, attempts, detail: (0,secrets/* redact */.E$)(error.message ?? String(error)) });
        }
    });
    const failed = results.filter((result) => !result.ok);
    (0,src_outputs/* setOutputs */.n0)({ sent: failed.length < results.length, ...outputs });
    (0,src_outputs/* setJsonOutput */.mI)('results', results);
    await (0,src_outputs/* writeSummary */.Sy)({
        heading: `Notification: ${(0,content/* title */.DD)(notification)}`,
        table: {
            headers: ['Channel', 'Result', 'Attempts', 'Detail'],
            rows: results.map((r) => [r.channel, r.ok ? 'sent' : 'failed', String(r.attempts), r.detail]),
        },
    });
    if (failed.length === 0)
        return;
    const lines = failed.map((r) => `${r.channel}: ${r.detail} (after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'})`);
    if (config.failOnError)
        throw new errors/* OperationalError */.LE(`could not notify ${lines.join('; ')}`);
    for (const line of lines)
        (0,log/* warning */.$e)(`notify: ${line}`);
}


/***/ }),

/***/ 84917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   En: () => (/* binding */ requestWithRetry),
/* harmony export */   MU: () => (/* binding */ TimeoutError),
/* harmony export */   SM: () => (/* binding */ createDispatcher),
/* harmony export */   aj: () => (/* binding */ httpRequest),
/* harmony export */   gl: () => (/* binding */ describeNetworkError)
/* harmony export */ });
/* unused harmony exports isRetryableStatus, retryableHttpError */
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24371);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75511);


/**
 * createDispatcher returns an HTTP dispatcher that honours the standard proxy environment
 * (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and the given TLS options, for the target and through a proxy.
 */
function createDispatcher(tls = {}, connectTo) {
    const connect = {
        ...(tls.ca ? { ca: tls.ca } : {}),
        ...(tls.insecure ? { rejectUnauthorized: false } : {}),
        ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
    };
    if (connectTo && connectTo.size > 0) {
        // The request keeps its URL, Host header and TLS server name; only the socket goes elsewhere.
        const connector = (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .buildConnector */ .gU)(connect);
        return new undici__WEBPACK_IMPORTED_MODULE_0__/* .Agent */ .g6({
            connect: (options, callback) => {
                const to = connectTo.get(options.hostname.toLowerCase());
                if (!to)
                    return connector(options, callback);
                connector({
                    ...options,
                    hostname: to.host,
                    port: to.port === undefined ? options.port : String(to.port),
                    servername: options.servername || options.hostname,
                }, callback);
            },
        });
    }
    const env = process.env;
    const proxied = [env.https_proxy, env.HTTPS_PROXY, env.http_proxy, env.HTTP_PROXY].some(Boolean);
    if (!proxied)
        return new undici__WEBPACK_IMPORTED_MODULE_0__/* .Agent */ .g6({ connect });
    // requestTls applies the TLS options to the target behind a proxy; http targets are tunnelled
    // with CONNECT too, as for https (proxies that only tunnel are common in CI networks).
    return new undici__WEBPACK_IMPORTED_MODULE_0__/* .EnvHttpProxyAgent */ .J2({ connect, requestTls: connect, proxyTunnel: true });
}
/** TimeoutError says a request got no complete answer in time. */
class TimeoutError extends Error {
    name = 'TimeoutError';
}
/**
 * httpRequest sends one request and reads the whole answer as text (up to maxBodyBytes). It does
 * not follow redirects and does not throw on HTTP error statuses: callers decide what a status means.
 */
async function httpRequest(req) {
    const timeoutMs = req.timeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const maxBodyBytes = req.maxBodyBytes ?? 1024 * 1024;
    const started = performance.now();
    try {
        const response = await (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(req.url, {
            method: (req.method ?? 'GET'),
            headers: req.headers,
            body: req.body,
            signal,
            dispatcher: req.dispatcher,
        });
        const chunks = [];
        let size = 0;
        let truncated = false;
        for await (const chunk of response.body) {
            const buffer = chunk;
            if (size + buffer.length > maxBodyBytes) {
                chunks.push(buffer.subarray(0, maxBodyBytes - size));
                truncated = true;
                response.body.destroy();
                break;
            }
            chunks.push(buffer);
            size += buffer.length;
        }
        return {
            status: response.statusCode,
            headers: flattenHeaders(response.headers),
            body: Buffer.concat(chunks).toString('utf8'),
            truncated,
            latencyMs: performance.now() - started,
        };
    }
    catch (error) {
        if (timeout.aborted && !req.signal?.aborted) {
            throw new TimeoutError(`no complete response within ${timeoutMs} ms`);
        }
        if (req.signal?.aborted)
            throw req.signal.reason;
        throw new Error(describeNetworkError(error));
    }
}
function flattenHeaders(headers) {
    const result = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined)
            result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return result;
}
/** describeNetworkError turns undici's and Node's error chain into one readable line. */
function describeNetworkError(error) {
    const parts = [];
    let current = error;
    for (let depth = 0; current && depth < 4; depth++) {
        const err = current;
        const text = err.code && !err.message?.includes(err.code) ? `${err.code}: ${err.message}` : (err.message ?? '');
        if (text && !parts.some((part) => part.includes(text)))
            parts.push(text);
        current = err.cause;
    }
    return parts.join(' <- ') || String(error);
}
/** isRetryableStatus is true for answers a later attempt may not get: 408, 425, 429 and 5xx. */
function isRetryableStatus(status) {
    return status === 408 || status === 425 || status === 429 || status >= 500;
}
/** retryableHttpError wraps an HTTP failure with the server's Retry-After, for retry(). */
function retryableHttpError(message, response) {
    return new _retry_js__WEBPACK_IMPORTED_MODULE_1__/* .RetryableError */ .dw(message, (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .parseRetryAfter */ .mu)(response.headers['retry-after']));
}
/**
 * requestWithRetry sends a request until it gets an answer that is not worth retrying: network
 * errors, timeouts, 408, 425, 429 and 5xx are retried with exponential backoff and full jitter,
 * honouring Retry-After. The last answer is returned whatever its status; if no answer ever came,
 * the last error is thrown.
 */
async function requestWithRetry(req, options) {
    let attempts = 0;
    const response = await (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L5)(async () => {
        attempts++;
        const answer = await httpRequest({ ...req, signal: options.signal });
        if (isRetryableStatus(answer.status) && attempts < options.attempts) {
            throw retryableHttpError(`HTTP ${answer.status}`, answer);
        }
        return answer;
    }, {
        attempts: options.attempts,
        initialDelayMs: options.initialDelayMs ?? 1000,
        maxDelayMs: options.maxDelayMs ?? 30_000,
        signal: options.signal,
        deadline: options.deadline,
        shouldRetry: (error) => !(error instanceof Error && error.name === 'AbortError'),
        onRetry: ({ error, attempt, delayMs }) => {
            options.onRetry?.({ attempt, delayMs, reason: error.message });
        },
        minDelayMs: options.minIntervalMs,
    });
    return { ...response, attempts };
}


/***/ }),

/***/ 75511:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   dw: () => (/* binding */ RetryableError),
/* harmony export */   kO: () => (/* binding */ RetryAfterBeyondDeadline),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);

/** RetryableError marks a failure worth another attempt, optionally with the server's Retry-After. */
class RetryableError extends Error {
    retryAfterMs;
    name = 'RetryableError';
    constructor(message, retryAfterMs) {
        super(message);
        this.retryAfterMs = retryAfterMs;
    }
}
/** backoffDelay returns the wait before retry number `retry` (1-based). */
function backoffDelay(retry, options = {}, random = Math.random) {
    const { initialDelayMs = 1000, maxDelayMs = 30_000, factor = 2, jitter = 'full' } = options;
    const backoff = Math.min(maxDelayMs, initialDelayMs * factor ** Math.max(0, retry - 1));
    switch (jitter) {
        case 'none':
            return backoff;
        case 'equal':
            return backoff / 2 + random() * (backoff / 2);
        case 'full':
            return random() * backoff;
    }
}
/** parseRetryAfter reads a Retry-After header (delta-seconds or an HTTP date) into milliseconds. */
function parseRetryAfter(header, now = Date.now()) {
    if (!header)
        return undefined;
    const trimmed = header.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
/**
 * RetryAfterBeyondDeadline says a server asked to be retried later (Retry-After) than the time
 * left: waiting would outlive the step, so it was not retried. `cause` is the last failure.
 */
class RetryAfterBeyondDeadline extends Error {
    retryAfterMs;
    leftMs;
    name = 'RetryAfterBeyondDeadline';
    constructor(retryAfterMs, leftMs, cause) {
        super(`asked to retry after ${Math.ceil(retryAfterMs / 1000)} s (Retry-After), more than the ${Math.max(0, Math.floor(leftMs / 1000))} s this step has left: not retried`, { cause });
        this.retryAfterMs = retryAfterMs;
        this.leftMs = leftMs;
    }
}
function retryAfterOf(error) {
    if (error instanceof RetryableError)
        return error.retryAfterMs;
    return undefined;
}
/**
 * retry calls fn until it succeeds, attempts run out, the deadline passes or the signal aborts.
 * Waits grow exponentially with jitter, capped; a server's Retry-After is honoured when longer,
 * unless it reaches past the deadline (RetryAfterBeyondDeadline). Otherwise the last error is
 * rethrown as is.
 */
async function retry(fn, options = {}) {
    const { attempts = 3, deadline, signal, shouldRetry = (error) => error instanceof RetryableError, onRetry, random = Math.random, now = Date.now, } = options;
    for (let attempt = 1;; attempt++) {
        signal?.throwIfAborted();
        try {
            return await fn(attempt);
        }
        catch (error) {
            if (attempt >= attempts || !shouldRetry(error, attempt) || signal?.aborted)
                throw error;
            const delayMs = Math.max(backoffDelay(attempt, options, random), retryAfterOf(error) ?? options.retryAfter?.(error) ?? 0, options.minDelayMs ?? 0);
            if (deadline !== undefined && now() + delayMs > deadline) {
                const asked = retryAfterOf(error) ?? options.retryAfter?.(error);
                if (asked !== undefined && asked >= delayMs)
                    throw new RetryAfterBeyondDeadline(asked, deadline - now(), error);
                throw error;
            }
            onRetry?.({ error, attempt, delayMs });
            await sleep(delayMs, signal);
        }
    }
}
/** sleep waits ms milliseconds; an abort rejects at once with the signal's reason. */
async function sleep(ms, signal) {
    try {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms, undefined, signal ? { signal } : undefined);
    }
    catch (error) {
        // timers/promises rejects with a generic AbortError; the caller wants to know why it was aborted.
        if (signal?.aborted)
            throw signal.reason;
        throw error;
    }
}


/***/ })

};
