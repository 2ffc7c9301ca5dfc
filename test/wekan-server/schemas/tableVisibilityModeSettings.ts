/**
 * The `tableVisibilityModeSettings` collection (models/tableVisibilityModeSettings.js:5-45): admin switches by _id,
 * such as `tableVisibilityMode-allowPrivateOnly`, which POST /api/boards reads (server/models/boards.js:928-930).
 * At Wekan v11.07, commit f5cc8e373. Only read here, so no schema is attached.
 */
export interface TableVisibilityModeSettingDoc {
	_id: string;
	booleanValue?: boolean;
	sort: number;
	createdAt?: Date;
	modifiedAt?: Date;
}
