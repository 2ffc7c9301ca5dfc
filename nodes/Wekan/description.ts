/**
 * Builds the node's parameters from the resource and operation declarations: the Resource and Operation
 * dropdowns, and each operation's own parameters shown only for it.
 */
import type { INodeProperties } from 'n8n-workflow';
import type { WekanOperation, WekanResource } from './actions/operation';
import { outputProperties } from './actions/output';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

export function buildProperties(resources: WekanResource[], defaultResource: string): INodeProperties[] {
	const sorted = [...resources].sort(byName);
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: sorted.map((r) => ({ name: r.name, value: r.value, description: r.description })),
			default: defaultResource,
		},
	];
	for (const resource of sorted) {
		const operations = [...resource.operations].sort(byName);
		const firstOperation = resource.operations[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: operations.map((o) => ({ name: o.name, value: o.value, action: o.action, description: o.description })),
			default: firstOperation,
		});
	}
	for (const resource of sorted) {
		for (const operation of resource.operations) {
			const own = operation.output ? [...operation.properties, ...outputProperties(operation.output)] : operation.properties;
			for (const property of own) {
				properties.push({
					...property,
					displayOptions: {
						...property.displayOptions,
						show: { resource: [resource.value], operation: [operation.value], ...property.displayOptions?.show },
					},
				});
			}
		}
	}
	return properties;
}

export function findOperation(resources: WekanResource[], resource: string, operation: string): WekanOperation | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}
