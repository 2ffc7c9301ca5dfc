/**
 * A credentials helper that behaves like n8n's own (packages/cli CredentialsHelper) for what our nodes use:
 * defaults applied on every read, `preAuthentication` run only when the expirable field is empty or a request
 * came back 401, its result persisted, and generic `authenticate` expressions resolved against the credential.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsHelper,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { deepCopy, NodeHelpers } from 'n8n-workflow';

export class TestCredentialsHelper implements ICredentialsHelper {
	/** Stored credential data by credential id, as n8n's database holds it. */
	readonly stored = new Map<string, { type: string; data: ICredentialDataDecryptedObject }>();
	/** How many times preAuthentication actually ran (logged in), per credential id. */
	readonly preAuthentications = new Map<string, number>();

	constructor(private readonly types: Record<string, ICredentialType>) {}

	/** Registers another credential type (another package's, e.g. n8n's built-in Wekan API credential). */
	addType(type: ICredentialType): void {
		this.types[type.name] = type;
	}

	set(id: string, type: string, data: ICredentialDataDecryptedObject): void {
		this.stored.set(id, { type, data: deepCopy(data) });
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const type = this.types[name];
		return type?.extends ? [...type.extends, ...type.extends.flatMap((t) => this.getParentTypes(t))] : [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.type(typeName).authenticate;
		if (!authenticate) return requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') return authenticate(credentials, requestOptions as IHttpRequestOptions);
		const options = requestOptions as IHttpRequestOptions & Record<string, Record<string, unknown>>;
		for (const [outer, values] of Object.entries(authenticate.properties as Record<string, Record<string, string>>)) {
			options[outer] ??= {};
			for (const [key, value] of Object.entries(values)) {
				options[outer][key] =
					typeof value === 'string' && value.startsWith('=') && workflow && node
						? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
						: value;
			}
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[typeName];
		if (!details) return undefined;
		if (details.id) this.preAuthentications.set(details.id, (this.preAuthentications.get(details.id) ?? 0) + 1);
		await this.updateCredentials(details, typeName, Object.assign(credentials, output));
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return Object.assign(credentials, await type.preAuthentication.call(helpers, credentials));
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const data = await this.getDecrypted({} as never, details, type);
		return {
			id: details.id ?? undefined,
			name: details.name,
			type,
			data: undefined,
			getData: async () => data,
			getDataToSave: () => ({ id: details.id, name: details.name, type, data: '' }) as never,
			setData: async () => {},
			updateData: async () => {},
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: unknown,
		details: INodeCredentialsDetails,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject> {
		const entry = details.id ? this.stored.get(details.id) : undefined;
		if (!entry) throw new Error(`No credential "${details.name}" (${details.id}) of type ${typeName}`);
		// A fresh copy with defaults, as n8n decrypts one from its database for each read.
		return NodeHelpers.getNodeParameters(
			this.type(typeName).properties,
			deepCopy(entry.data) as never,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		if (!details.id) return;
		this.stored.set(details.id, { type, data: deepCopy(data) });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}
