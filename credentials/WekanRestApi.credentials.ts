import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { displayUrl, normalizeBaseUrl } from '../nodes/shared/baseUrl';

/** Why a login failed, in words a user can act on. Never includes what was sent. */
function loginFailureMessage(status: number, body: unknown, retryAfter: unknown): string {
	const error = typeof body === 'object' && body !== null ? String((body as IDataObject).error ?? '') : '';
	if (error === 'login-failed' || (status === 403 && /password/i.test(String((body as IDataObject)?.reason)))) {
		return 'Wekan rejected the username/email or password. Check them; LDAP, OIDC and CAS users have no local password and must use the Token authentication instead.';
	}
	if (error === 'no-2fa-code' || error === 'invalid-2fa-code') {
		return 'This Wekan account uses two-factor authentication, which a stored login cannot answer. Use the Token authentication (an admin creates one with POST /api/createtoken/<userId>).';
	}
	if (status === 429) {
		const wait = retryAfter ? ` Wait ${String(retryAfter)} seconds.` : '';
		return `Wekan locked logins from this n8n after too many failed attempts.${wait} Then check the password before trying again.`;
	}
	if (error.startsWith('Match error')) {
		return 'Wekan refused the login request format. Enter either a username or an email address, not both.';
	}
	if (typeof body === 'string' && /<html|<!doctype/i.test(body)) {
		return 'The URL answered with a web page, not Wekan\'s login API. Check the Wekan URL: it is the address you open Wekan at, e.g. https://wekan.example.com.';
	}
	return `Wekan login failed with HTTP ${status}. Check the Wekan URL and that this server runs Wekan.`;
}

const TOKEN_REJECTED =
	'Wekan did not accept the login token. In Token mode, check the token: an admin may have revoked it, or it expired.';

/**
 * Token mode: the token is sent as it is. GET /api/user (server/models/users.js:1979-2001) says whose token it is,
 * so a User ID that names someone else is refused here: in the credential test and when a run first uses the
 * credential, as is a URL that answers with a web page. A token Wekan rejects, or a server that does not answer, is
 * left to the request that follows, whose error explains it.
 */
async function checkToken(
	helper: IHttpRequestHelper,
	base: string,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const token = String(credentials.token ?? '').trim();
	const given = String(credentials.userId ?? '').trim();
	const unchecked = { sessionToken: token, sessionUserId: '', sessionExpiresAt: '' };
	let response: { statusCode: number; body: unknown };
	try {
		response = (await helper.helpers.httpRequest({
			method: 'GET',
			url: `${base}/api/user`,
			headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		})) as typeof response;
	} catch {
		return unchecked;
	}
	if (response.statusCode === 200 && typeof response.body === 'string' && /<html|<!doctype/i.test(response.body)) {
		throw new Error(
			'The URL answered with a web page, not Wekan\'s API. Check the Wekan URL: it is the address you open Wekan at, e.g. https://wekan.example.com.',
		);
	}
	const me = response.body as IDataObject | undefined;
	// A rejected token is answered with HTTP 200 and a serialised error, which has no string _id.
	const known = response.statusCode === 200 && typeof me === 'object' && me !== null && typeof me._id === 'string';
	if (!known) return unchecked;
	if (given && given !== me._id) {
		throw new Error(
			`The token belongs to Wekan user "${String(me.username ?? '')}" (ID ${me._id}), not to the User ID entered in the credential (${given}). Correct the User ID, or leave it empty: it is then read from Wekan.`,
		);
	}
	return { sessionToken: token, sessionUserId: me._id, sessionExpiresAt: '' };
}

export class WekanRestApi implements ICredentialType {
	name = 'wekanRestApi';

	displayName = 'Wekan REST API';

	icon = { light: 'file:../icons/wekan.svg', dark: 'file:../icons/wekan.dark.svg' } as const;

	documentationUrl = 'https://github.com/wekan/wekan/wiki/REST-API';

	properties: INodeProperties[] = [
		{
			displayName: 'Wekan URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://wekan.example.com',
			description:
				'The address you open Wekan at. Use HTTPS in production: the login sends the password to this URL.',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Username or Email + Password',
					value: 'password',
					description: 'Logs in once and reuses the token until it expires',
				},
				{
					name: 'Token',
					value: 'token',
					description:
						'For LDAP, OIDC or CAS users without a local password: a login token a Wekan admin made for the user (User > Create Token, or POST /api/createtoken/&lt;userId&gt;)',
				},
			],
			default: 'password',
		},
		{
			displayName: 'Username or Email',
			name: 'login',
			type: 'string',
			default: '',
			required: true,
			description: 'An address with an @ logs in by email, anything else by username (both are case-sensitive)',
			displayOptions: { show: { authentication: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['password'] } },
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			description:
				'Optional: the ID of the Wekan user the token belongs to. Leave empty to have it read from Wekan; when given, a token of another user is refused.',
			displayOptions: { show: { authentication: ['token'] } },
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['token'] } },
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the SSL certificate cannot be verified, e.g. a self-signed one',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session User ID',
			name: 'sessionUserId',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Session Expires At',
			name: 'sessionExpiresAt',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * n8n runs this when the stored session token is empty, a request came back 401, or the credential is tested, and
	 * stores what it returns, so the password is sent once per token lifetime rather than per request.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const base = normalizeBaseUrl(credentials.url);
		if (credentials.authentication === 'token') return await checkToken(this, base, credentials);
		const login = String(credentials.login ?? '').trim();
		const body = login.includes('@')
			? { email: login, password: credentials.password }
			: { username: login, password: credentials.password };
		let response: { statusCode: number; body: unknown; headers: IDataObject };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${base}/users/login`,
				body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				skipSslCertificateValidation: credentials.ignoreSslIssues === true,
			})) as typeof response;
		} catch (error) {
			const code = (error as IDataObject).code ?? (error as Error).message;
			throw new Error(
				`Could not reach Wekan at ${displayUrl(base)} (${String(code)}). Check the Wekan URL and that n8n can reach it.`,
			);
		}
		const data = response.body as IDataObject | undefined;
		if (response.statusCode === 200 && data && typeof data.token === 'string' && typeof data.id === 'string') {
			return {
				sessionToken: data.token,
				sessionUserId: data.id,
				sessionExpiresAt: String(data.tokenExpires ?? ''),
			};
		}
		throw new Error(loginFailureMessage(response.statusCode, response.body, response.headers?.['retry-after']));
	}

	/**
	 * Adds the session token to a request. A function rather than n8n's generic `{{$credentials.sessionToken}}`
	 * expression: n8n evaluates that expression for every request (a workflow data proxy and the current time in the
	 * workflow's zone, about an eighth of the node's CPU time per request), and the header is the same either way.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.sessionToken ?? '')}` },
		};
	}

	/**
	 * The test asks GET /api/user, which every Wekan has (server/models/users.js:1979-2001), after n8n has logged in
	 * with `preAuthentication`, whose errors explain a failed login or a token of another user. Wekan answers a token
	 * it does not know with HTTP 200 and a serialised 401 error (checkLoggedIn, server/authentication.js:30-36), which
	 * the body rule catches.
	 */
	test: ICredentialTestRequest = {
		request: {
			// normalizeBaseUrl (nodes/shared/baseUrl.ts) as an expression: query and fragment, a board path after the host,
			// trailing slashes and a trailing /api go.
			baseURL:
				'={{$credentials.url.trim().replace(/[?#][\\s\\S]*$/, "").replace(/(:\\/\\/[^/]*.*?)\\/b\\/[^/][\\s\\S]*$/, "$1").replace(/\\/+$/, "").replace(/\\/api$/, "")}}',
			url: '/api/user',
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'statusCode',
					value: 401,
					message: TOKEN_REJECTED,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: TOKEN_REJECTED,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The Wekan REST API is disabled on this server. An admin must start Wekan with WITH_API=true.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 301,
					message:
						'The Wekan REST API is disabled on this server (it redirects /api to the home page). An admin must start Wekan with WITH_API=true.',
				},
			},
			// n8n's tester takes each rule by its type; the declared type has one kind of rule per list.
		] as ICredentialTestRequest['rules'],
	};
}
