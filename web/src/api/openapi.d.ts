/**
 * Generated from the server's routes by `npx tsx bin/write-api-types.ts`: do not edit by hand.
 */

export interface paths {
    "/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account (the first account of an install is its admin) */
        post: operations["postV1AuthRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in: a short-lived access token and a rotating refresh token */
        post: operations["postV1AuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trade a refresh token for a new pair; a reused token revokes its whole session */
        post: operations["postV1AuthRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session (its access and refresh tokens) */
        post: operations["postV1AuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of this account; API keys are kept (revoke them with DELETE /v1/api-keys/{id}) */
        post: operations["postV1AuthLogoutAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a password-reset token (answers 202 whether or not the account exists; a few mails per address per hour) */
        post: operations["postV1AuthPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with an emailed token; ends every session and every other reset token (API keys keep working) */
        post: operations["postV1AuthPasswordResetConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user (or the owner of the API key) */
        get: operations["getV1Me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update preferences (default template, format, voice, brand kit); keys given replace, null removes one, others stay */
        patch: operations["patchV1MePreferences"];
        trace?: never;
    };
    "/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password; ends every session and pending reset token and returns a new session (API keys keep working) */
        post: operations["postV1MePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This account's security events (sign-ins, failed sign-ins, keys, role changes) */
        get: operations["getV1MeAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This account's signed-in sessions (devices), most recently used first; `current` marks the caller's */
        get: operations["getV1MeSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Sign one session out (e.g. a lost device); its access and refresh tokens stop working at once */
        delete: operations["deleteV1MeSessionsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user's role (admin); the last admin cannot be demoted */
        patch: operations["patchV1AdminUsersId"];
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List this account's API keys (never their secrets) */
        get: operations["getV1ApiKeys"];
        put?: never;
        /** Create an API key; the secret is in this response only. Keys outlive sign-out everywhere and password changes and resets: revoke with DELETE */
        post: operations["postV1ApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (the only way a key stops working, besides rolling it) */
        delete: operations["deleteV1ApiKeysId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}/roll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a key's secret (same name and scopes); the old secret stops working */
        post: operations["postV1ApiKeysIdRoll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every template pack */
        get: operations["getV1Templates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One template with the JSON Schema of its script and its default props */
        get: operations["getV1TemplatesId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This account's projects, newest first */
        get: operations["getV1Projects"];
        put?: never;
        /** Create a project (version 1); the script is validated against the template */
        post: operations["postV1Projects"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project with its latest version */
        get: operations["getV1ProjectsId"];
        /** Save a new version (201); only a new name renames without a version (200) */
        put: operations["putV1ProjectsId"];
        post?: never;
        /** Delete a project and its whole history */
        delete: operations["deleteV1ProjectsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The version history, newest first (without scripts) */
        get: operations["getV1ProjectsIdVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version with its script and options */
        get: operations["getV1ProjectsIdVersionsVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** RFC 6902 JSON Patch from one version to another */
        get: operations["getV1ProjectsIdDiff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Save a new version with the content of an earlier one (history is kept) */
        post: operations["postV1ProjectsIdRollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This account's media library, newest first */
        get: operations["getV1Media"];
        put?: never;
        /** Upload an image, audio or video file to the media library */
        post: operations["postV1Media"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One media asset */
        get: operations["getV1MediaId"];
        put?: never;
        post?: never;
        /** Delete a media asset and its file */
        delete: operations["deleteV1MediaId"];
        options?: never;
        head?: never;
        /** Replace a media asset's tags */
        patch: operations["patchV1MediaId"];
        trace?: never;
    };
    "/v1/media/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a media asset's file */
        get: operations["getV1MediaIdFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A media file through its signed link (no credentials), shown inline; answers Range requests */
        get: operations["getV1FilesMediaId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/media/{id}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An image's or video's thumbnail (JPEG, at most 400×400) through its signed link (no credentials); made on first request */
        get: operations["getV1FilesMediaIdThumbnail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/renders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's renders, newest first, with cursor pagination */
        get: operations["getV1Renders"];
        put?: never;
        /** Order a render of a script (or a saved project) into one or more outputs */
        post: operations["postV1Renders"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/renders/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Order many renders at once: a JSON array of scripts, or CSV / JSON rows merged into a script template */
        post: operations["postV1RendersBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/renders/estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How long a render would take and what it would cost on each configured backend (local, cluster, Lambda), with the queue ahead and the estimate's error on recent renders */
        get: operations["getV1RendersEstimate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/renders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status, progress, outputs and error of a render */
        get: operations["getV1RendersId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/renders/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events: `status` first, then `progress` while it renders, and `done` or `failed` at the end */
        get: operations["getV1RendersIdEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/renders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued or running render (Chrome and FFmpeg stop; its render-minutes are refunded) */
        post: operations["postV1RendersIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/renders/{id}/outputs/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an output of a completed render */
        get: operations["getV1RendersIdOutputsName"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/renders/{id}/outputs/{name}/url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A signed download link that works without credentials until it expires */
        get: operations["getV1RendersIdOutputsNameUrl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/renders/{id}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download through a signed link (no credentials) */
        get: operations["getV1FilesRendersIdName"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List this account's webhook endpoints */
        get: operations["getV1Webhooks"];
        put?: never;
        /** Register a webhook endpoint; its signing secret is in this response only */
        post: operations["postV1Webhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook endpoint */
        get: operations["getV1WebhooksId"];
        put?: never;
        post?: never;
        /** Delete an endpoint and its delivery log */
        delete: operations["deleteV1WebhooksId"];
        options?: never;
        head?: never;
        /** Change an endpoint's URL or events, or disable / re-enable it */
        patch: operations["patchV1WebhooksId"];
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the signing secret; the previous one also signs deliveries for 24 hours */
        post: operations["postV1WebhooksIdRotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a signed `webhook.test` message through the normal delivery path (in the delivery log, retried, redeliverable) */
        post: operations["postV1WebhooksIdTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint's messages, newest first, with every attempt */
        get: operations["getV1WebhooksIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a message again (same webhook-id) on the dispatcher's next round */
        post: operations["postV1WebhooksIdDeliveriesDeliveryIdRedeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This month's render-minutes quota, today's script generations and the caller's renders per UTC day */
        get: operations["getV1Usage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users, renders, queue depth, render time by template and this month's cost estimate (admin) */
        get: operations["getV1AdminStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scripts/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Write a script (or a series) from a brief with the configured model, or offline; optionally order its render */
        post: operations["postV1ScriptsGenerate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/share": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a version of a project as a public share (its voices and poster are prepared once, then anyone can play it) */
        post: operations["postV1ProjectsIdShare"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/renders/{id}/share": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a completed render's video (with its captions) as a public share */
        post: operations["postV1RendersIdShare"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shares": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's shares, newest first, with cursor pagination */
        get: operations["getV1Shares"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shares/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A share of the caller's: status, views, URLs and embed snippets */
        get: operations["getV1SharesId"];
        put?: never;
        post?: never;
        /** Revoke a share: its files are deleted and its id answers 404 from then on */
        delete: operations["deleteV1SharesId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shares/{id}/public": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the embeddable player loads: a ready share's voiced script (or video), with every file as a URL. No credentials; counts a view */
        get: operations["getV1SharesIdPublic"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shares/{id}/assets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file of a ready share (voice, media, poster, video, captions); Range requests are answered 206 */
        get: operations["getV1SharesIdAssetsName"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oembed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** oEmbed (https://oembed.com) for a share's embed or page URL: its iframe snippet, size and thumbnail */
        get: operations["getOembed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The install's users, newest first, with their project and render counts (admin); search by email, filter by role */
        get: operations["getV1AdminUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/voices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The speech engine's voices and variants, for voice pickers; with `?language=` also the default voices for that language */
        get: operations["getV1Voices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/voices/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Speak one line as a render would (the renderer's speech step and cache) and return it as WAV; new lines count against voicePreviewsPerDay, cached ones are free */
        post: operations["postV1VoicesPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Credentials: {
            /** Format: email */
            email: string;
            password: string;
        };
        PreferencesPatch: {
            defaultTemplate?: string | null;
            defaultFormat?: ("9:16" | "16:9" | "1:1" | "4:5") | null;
            voice?: string | null;
            brand?: {
                logo?: {
                    /** @description An http(s) URL, or a file path relative to the script file */
                    src: string;
                    /**
                     * @default top-right
                     * @enum {string}
                     */
                    position: "top-left" | "top-right" | "bottom-left" | "bottom-right";
                    /** @default 0.16 */
                    size: number;
                    /** @default 0.85 */
                    opacity: number;
                };
                colors?: {
                    primary: string;
                    secondary?: string;
                };
                font?: {
                    family: string;
                    /** @description A .woff2/.ttf file; else an installed family */
                    src?: string;
                };
            } | null;
        };
        CreateProjectRequest: {
            name: string;
            template: string;
            /** @description A script; validated against the template's schema (GET /v1/templates/{id}) */
            script: {
                [key: string]: unknown;
            };
            options?: components["schemas"]["ProjectOptions"];
            /** @description What changed, like a commit message */
            message?: string;
        };
        /** @description Free-form settings saved with the script, e.g. { outputs, voice, look } */
        ProjectOptions: {
            [key: string]: unknown;
        };
        /** @description Fields left out are carried over from the latest version. Only `name`: a rename, no new version. */
        SaveProjectRequest: {
            /** @description A script; validated against the template's schema (GET /v1/templates/{id}) */
            script?: {
                [key: string]: unknown;
            };
            template?: string;
            options?: components["schemas"]["ProjectOptions"];
            name?: string;
            /** @description What changed, like a commit message */
            message?: string;
            /** @description The version these changes were made to; if another save came first, the answer is 409 */
            baseVersion?: number;
        };
        RollbackProjectRequest: {
            version: number;
            /** @description What changed, like a commit message */
            message?: string;
            baseVersion?: number;
        };
        MediaTagsUpdate: {
            tags: string[];
        };
        RenderRequest: {
            /** @description Template pack id; defaults to the project's */
            template?: string;
            /** @description The script; media-library assets are referenced as `media:<id>` */
            script?: unknown;
            /**
             * Format: uuid
             * @description Render the latest version of a saved project instead of `script`
             */
            projectId?: string;
            projectVersion?: number;
            outputs: components["schemas"]["OutputRequest"][];
        };
        OutputRequest: {
            /** @description Name of the output in the render (default: the preset and format) */
            name?: string;
            /** @enum {string} */
            format: "mp4" | "webm" | "gif" | "prores" | "png" | "jpeg";
            /** @enum {string} */
            preset?: "tiktok" | "reels" | "shorts" | "youtube" | "instagram-square" | "instagram-portrait";
            /** @enum {string} */
            resolution?: "480p" | "720p" | "1080p" | "4k";
        };
        BatchRequest: {
            template: string;
            outputs: components["schemas"]["OutputRequest"][];
            /** @description One script per render */
            scripts?: unknown[];
            /** @description A script whose strings may hold `{{column}}` placeholders, filled from each row */
            scriptTemplate?: unknown;
            /** @description Rows (objects of column → string, number, boolean or null); each fills `scriptTemplate` */
            rows?: {
                [key: string]: string | number | boolean | null;
            }[];
            /** @description CSV text with a header row of unique column names; each row fills `scriptTemplate` */
            csv?: string;
        };
        CreateWebhookRequest: {
            /** @description http(s) URL on a public address; checked against private and metadata addresses */
            url: string;
            events: components["schemas"]["WebhookEvent"][];
        };
        /** @enum {string} */
        WebhookEvent: "render.completed" | "render.failed";
        UpdateWebhookRequest: {
            /** @description http(s) URL on a public address; checked against private and metadata addresses */
            url?: string;
            events?: components["schemas"]["WebhookEvent"][];
            /** @description true re-enables a disabled endpoint (and resets its failure clock) */
            enabled?: boolean;
        };
        GenerateScriptRequest: {
            prompt: string;
            /** @default minidrama */
            template: string;
            /** @enum {string} */
            format?: "9:16" | "16:9" | "1:1" | "4:5";
            genre?: string;
            tone?: string;
            language?: string;
            targetSeconds?: number;
            characters?: {
                name: string;
                description?: string;
                voice?: string;
                color?: string;
            }[];
            episodes?: number;
            previous?: unknown;
            /** @description Also order a render of each generated script (an API key needs renders:write too) */
            render?: {
                outputs: components["schemas"]["OutputRequest"][];
            };
        };
        PublishProjectRequest: {
            /** @description The project version to publish; default the latest */
            version?: number;
            /** @description Pages of these origins only may load the share's JSON in a browser (and frame /embed/<id>); empty or left out: any page */
            allowedOrigins?: string[];
            /** @description Render a cover image (the frame the renderer picks) at publish time; default true */
            poster?: boolean;
            /** @description Shown by the player and oEmbed; default the script's title */
            title?: string;
            /** @description A display name for the player and oEmbed's author_name; default none */
            author?: string;
        };
        PublishRenderRequest: {
            /** @description The render's output to play (an mp4 or webm); default its first mp4, else its first webm */
            output?: string;
            /** @description Pages of these origins only may load the share's JSON in a browser (and frame /embed/<id>); empty or left out: any page */
            allowedOrigins?: string[];
            /** @description Render a cover image (the frame the renderer picks) at publish time; default true */
            poster?: boolean;
            /** @description Shown by the player and oEmbed; default the script's title */
            title?: string;
            /** @description A display name for the player and oEmbed's author_name; default none */
            author?: string;
        };
        VoicePreviewRequest: {
            /** @description A voice of GET /v1/voices, optionally with a variant (`en-us+f3`) */
            voice: string;
            /** @description The line, exactly as in the script (the cache is keyed on it) */
            text: string;
            /** @description The line's emotion: sets rate and pitch as in a render */
            emotion?: string;
            /**
             * @description The script's language
             * @default en
             */
            language: string;
        };
        User: {
            /** Format: uuid */
            id: string;
            email: string;
            /** @enum {string} */
            role: "admin" | "premium" | "standard";
            preferences: components["schemas"]["Preferences"];
            createdAt: string;
        };
        Preferences: {
            defaultTemplate?: string;
            /** @enum {string} */
            defaultFormat?: "9:16" | "16:9" | "1:1" | "4:5";
            voice?: string;
            /** @description A brand kit as a script's `brand` takes it (logo, colours, font) */
            brand?: {
                logo?: {
                    /** @description An http(s) URL, or a file path relative to the script file */
                    src: string;
                    /**
                     * @default top-right
                     * @enum {string}
                     */
                    position: "top-left" | "top-right" | "bottom-left" | "bottom-right";
                    /** @default 0.16 */
                    size: number;
                    /** @default 0.85 */
                    opacity: number;
                };
                colors?: {
                    primary: string;
                    secondary?: string;
                };
                font?: {
                    family: string;
                    /** @description A .woff2/.ttf file; else an installed family */
                    src?: string;
                };
            };
        };
        Error: {
            error: {
                /** @enum {string} */
                code: "INVALID_SCRIPT" | "INVALID_JSON" | "INVALID_ARGUMENT" | "VALIDATION_FAILED" | "INVALID_BRIEF" | "TEMPLATE_NOT_FOUND" | "WEAK_PASSWORD" | "FILE_NOT_READABLE" | "OUTPUT_NOT_WRITABLE" | "ASSET_NOT_FOUND" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "TOKEN_REUSED" | "FORBIDDEN" | "NOT_FOUND" | "EMAIL_TAKEN" | "CONFLICT" | "IDEMPOTENCY_CONFLICT" | "PAYLOAD_TOO_LARGE" | "RANGE_NOT_SATISFIABLE" | "UNSUPPORTED_MEDIA_TYPE" | "NOT_IMPLEMENTED" | "MEDIA_REJECTED" | "WEBHOOK_URL_REJECTED" | "UNPROCESSABLE" | "BRIEF_REFUSED" | "LLM_REFUSED" | "LIMIT_EXCEEDED" | "RATE_LIMITED" | "QUOTA_EXCEEDED" | "QUALITY_FAILED" | "ABORTED" | "SPEECH_FAILED" | "LLM_FAILED" | "LLM_TIMEOUT" | "LLM_RATE_LIMITED" | "GENERATION_INVALID" | "SERVICE_UNAVAILABLE" | "BROWSER_NOT_FOUND" | "RENDER_FAILED" | "TIMED_OUT" | "INTERNAL";
                message: string;
                requestId: string;
                problems?: {
                    path: string;
                    message: string;
                }[];
            };
        };
        TokenPair: {
            accessToken: string;
            refreshToken: string;
            /** @constant */
            tokenType: "Bearer";
            expiresIn: number;
        };
        LogoutAllResult: {
            sessionsEnded: number;
            /** @description API keys not revoked: sign-out does not end them (they belong to integrations) */
            apiKeysActive: number;
            message: string;
        };
        Session: {
            /** Format: uuid */
            id: string;
            /** @description The session this request was made with */
            current: boolean;
            /** @description When it signed in */
            createdAt: string;
            /** @description Its last sign-in or token refresh (clients refresh every few minutes while in use) */
            lastUsedAt: string;
            /** @description When it ends unless used again */
            expiresAt: string;
            /** @description The address it signed in from */
            ip: string | null;
            /** @description The browser or program it signed in with */
            userAgent: string | null;
        };
        CreatedApiKey: {
            /** @description The secret; shown only in this response */
            key: string;
            apiKey: components["schemas"]["ApiKey"];
        };
        ApiKey: {
            /** Format: uuid */
            id: string;
            name: string;
            start: string;
            scopes: ("templates:read" | "projects:read" | "projects:write" | "media:read" | "media:write" | "renders:read" | "renders:write" | "webhooks:read" | "webhooks:write" | "usage:read" | "scripts:write" | "shares:read" | "shares:write")[];
            createdAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
        };
        TemplateSummary: {
            id: string;
            title: string;
            description: string;
            formats: string[];
            fps: number;
        };
        Template: {
            id: string;
            title: string;
            description: string;
            formats: string[];
            fps: number;
            /** @description JSON Schema (2020-12) of the script this template takes */
            jsonSchema: {
                [key: string]: unknown;
            };
            defaultProps: {
                [key: string]: unknown;
            };
        };
        Project: {
            /** Format: uuid */
            id: string;
            name: string;
            template: string;
            latestVersion: number;
            createdAt: string;
            updatedAt: string;
            latest: components["schemas"]["ProjectVersion"];
        };
        ProjectVersion: {
            /** Format: uuid */
            projectId: string;
            version: number;
            template: string;
            script: {
                [key: string]: unknown;
            };
            options: {
                [key: string]: unknown;
            };
            message: string | null;
            createdAt: string;
        };
        ProjectSummary: {
            /** Format: uuid */
            id: string;
            name: string;
            template: string;
            latestVersion: number;
            createdAt: string;
            updatedAt: string;
        };
        ProjectVersionSummary: {
            version: number;
            template: string;
            message: string | null;
            createdAt: string;
            summary: {
                title: string | null;
                scenes: number;
                lines: number;
                optionsBytes: number;
            };
        };
        ProjectDiff: {
            from: number;
            to: number;
            /** @description RFC 6902 JSON Patch over { template, script, options } */
            patch: {
                op: string;
                path: string;
                value?: unknown;
                from?: string;
            }[];
            summary: {
                added: number;
                removed: number;
                replaced: number;
            };
        };
        Media: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "image" | "audio" | "video";
            /** @description Detected from the file's content, not from its name or the upload's Content-Type */
            mime: string;
            /** @description The uploaded file's name, for display only */
            filename: string;
            bytes: number;
            sha256: string;
            width: number | null;
            height: number | null;
            durationSec: number | null;
            tags: string[];
            createdAt: string;
            /** @description Use as a script `src`: "media:<id>" */
            ref: string;
            /** @description A signed link to the file that works without credentials (for `<img>`, `<video>`, `<audio>`) until `urlExpiresAt`; the same within one window, so browsers cache it. An image's own file is also its thumbnail. */
            url: string;
            /** @description A signed link to a small JPEG (at most 400×400): an image scaled down, a video's frame at 1 s; null for audio. Expires with `url` */
            thumbnailUrl: string | null;
            urlExpiresAt: string;
        };
        MediaList: {
            media: components["schemas"]["Media"][];
            nextCursor: string | null;
        };
        Render: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "queued" | "active" | "completed" | "failed" | "cancelled";
            template: string;
            progress: number;
            stage: string | null;
            outputs: {
                name: string;
                /** @enum {string} */
                format: "mp4" | "webm" | "gif" | "prores" | "png" | "jpeg";
                preset: string | null;
                resolution: string | null;
                /** @description Download path (authenticated) once the render completed */
                url: string | null;
                bytes: number | null;
                durationSec: number | null;
                width: number | null;
                height: number | null;
                /** @description The renderer's checks of the finished video (duration, black frames, silence, loudness, captions); null for stills and until completed */
                quality: components["schemas"]["QualityReport"] | null;
                /** @description Set when the output was rendered on Remotion Lambda (RENDER_BACKEND=lambda); null otherwise and until completed */
                lambda: {
                    /** @description Remotion's estimate of what the render cost on AWS Lambda, in US dollars (from billed function time; not AWS's invoice) */
                    costUsd: number;
                    /** @description Renderer functions the render ran */
                    lambdasInvoked: number;
                } | null;
            }[];
            error: {
                code: string;
                message: string;
                problems?: {
                    path: string;
                    message: string;
                }[];
            } | null;
            batchId: string | null;
            projectId: string | null;
            attempts: number;
            /** @description Render-seconds held for this render: the estimate at submit, replaced by the voiced length's cost before the first frame */
            reservedSeconds: number;
            /** @description Render-seconds counted against the monthly render-minutes once completed: each output's length weighted by its resolution and format (a still counts 1), never more than was reserved */
            renderSeconds: number | null;
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
        };
        QualityReport: {
            /** @description No check warned */
            ok: boolean;
            checks: {
                /** @description e.g. duration, black-frames, silence, loudness, caption-safe-zone */
                id: string;
                /** @enum {string} */
                status: "pass" | "warn" | "skipped";
                message: string;
            }[];
        };
        RenderPage: {
            renders: components["schemas"]["Render"][];
            nextCursor: string | null;
        };
        BatchResult: {
            /** Format: uuid */
            batchId: string;
            total: number;
            accepted: number;
            renders: {
                row: number;
                /** Format: uuid */
                id: string;
            }[];
            rejected: {
                row: number;
                code: string;
                message: string;
                problems: {
                    path: string;
                    message: string;
                }[];
            }[];
        };
        RenderEstimate: {
            template: string;
            frames: number;
            fps: number;
            videoSeconds: number;
            megapixelFrames: number;
            output: {
                format: string;
                width: number;
                height: number;
            };
            /** @description What the render counts against the monthly render-minutes */
            renderMinutes: number;
            backends: {
                /** @enum {string} */
                backend: "local" | "cluster" | "lambda";
                /** @description Wall seconds of the render itself */
                seconds: number;
                /** @description Seconds in the queue first; null when no worker is connected */
                waitSeconds: number | null;
                /** @description AWS price for Lambda; null on own machines */
                costUsd: number | null;
                /** @description Chunks (cluster), functions (Lambda), 1 (local) */
                parts: number;
            }[];
            /** @enum {string} */
            recommended: "local" | "cluster" | "lambda";
            queue: {
                waiting: number;
                active: number;
                workers: number;
            };
            learned: {
                /** @description Finished renders learned from */
                samples: number;
                /** @description How far estimates made before each render were from what it took (%) */
                meanAbsolutePercentError: number | null;
                backends: {
                    [key: string]: {
                        secondsPerMegapixelFrame: number;
                        samples: number;
                        meanAbsolutePercentError: number | null;
                    };
                };
            };
        };
        WebhookEndpointWithSecret: {
            /** Format: uuid */
            id: string;
            url: string;
            events: components["schemas"]["WebhookEvent"][];
            /** @description False once disabled by its owner or after failing for too long */
            enabled: boolean;
            disabledAt: string | null;
            /** @description Start of the current run of failed deliveries; null while deliveries succeed */
            failingSince: string | null;
            /** @description Until then deliveries are also signed with the secret before the last rotation */
            previousSecretExpiresAt: string | null;
            createdAt: string;
            /** @description Signing secret `whsec_…` (Standard Webhooks); shown only in this response */
            secret: string;
        };
        WebhookEndpoint: {
            /** Format: uuid */
            id: string;
            url: string;
            events: components["schemas"]["WebhookEvent"][];
            /** @description False once disabled by its owner or after failing for too long */
            enabled: boolean;
            disabledAt: string | null;
            /** @description Start of the current run of failed deliveries; null while deliveries succeed */
            failingSince: string | null;
            /** @description Until then deliveries are also signed with the secret before the last rotation */
            previousSecretExpiresAt: string | null;
            createdAt: string;
        };
        WebhookDelivery: {
            /** @description The `webhook-id` header; the same on every attempt and redelivery */
            id: string;
            event: components["schemas"]["WebhookDeliveryEvent"];
            renderId: string | null;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            attempts: components["schemas"]["WebhookAttempt"][];
            nextAttemptAt: string | null;
            createdAt: string;
            deliveredAt: string | null;
            /** @description The JSON body sent: `{ type, timestamp, data }` */
            payload: unknown;
        };
        /** @enum {string} */
        WebhookDeliveryEvent: "render.completed" | "render.failed" | "webhook.test";
        WebhookAttempt: {
            at: string;
            /** @description The receiver's HTTP status; null when no answer arrived */
            status: number | null;
            error: string | null;
            durationMs: number;
        };
        Usage: {
            /** @description The current quota month, YYYY-MM (UTC) */
            period: string;
            /**
             * Format: date
             * @description A UTC day, YYYY-MM-DD
             */
            from: string;
            /**
             * Format: date
             * @description A UTC day, YYYY-MM-DD
             */
            to: string;
            quota: {
                renderMinutesLimit: number;
                renderMinutesUsed: number;
                /** @description Held by queued and running renders; settled when they finish */
                renderMinutesReserved: number;
                renderMinutesLeft: number;
                concurrentRenders: number;
                requestsPerMinute: number;
            };
            /** @description Today's script generations (POST /v1/scripts/generate); null while the quota store (Redis) is unavailable */
            generations: {
                /** @description Script generations made today (UTC) */
                used: number;
                /** @description The tier's script generations a day */
                limit: number;
                /** @description When the count starts again: the next UTC midnight */
                resetsAt: string;
            } | null;
            totals: {
                queued: number;
                active: number;
                completed: number;
                failed: number;
                cancelled: number;
                renders: number;
                /** @description Minutes of output of the renders in the range */
                renderMinutes: number;
                /** @description Mean wall time (start to finish) of completed renders; null when none */
                averageRenderSeconds: number | null;
            };
            /** @description Every day of the range, oldest first, by the day renders were ordered */
            byDay: {
                /**
                 * Format: date
                 * @description A UTC day, YYYY-MM-DD
                 */
                day: string;
                renders: number;
                completed: number;
                failed: number;
                renderMinutes: number;
                averageRenderSeconds: number | null;
            }[];
        };
        AdminStats: {
            users: {
                total: number;
                byRole: {
                    admin: number;
                    premium: number;
                    standard: number;
                };
            };
            renders: {
                total: number;
                byStatus: {
                    queued: number;
                    active: number;
                    completed: number;
                    failed: number;
                    cancelled: number;
                };
            };
            /** @description Render jobs by queue state; null while Redis is unavailable */
            queue: {
                [key: string]: number;
            } | null;
            /** @description Why `queue` is null */
            queueError?: string;
            renderSecondsByTemplate: {
                template: string;
                /** @description Seconds of output */
                renderSeconds: number;
                /** @description Renders of any status */
                renders: number;
            }[];
            costEstimate: {
                /** @description The current month, YYYY-MM */
                period: string;
                renderMinutes: number;
                perRenderMinute: number;
                total: number;
            };
            /** @description By mean wall time of completed renders, slowest first */
            slowestTemplates: {
                template: string;
                averageRenderSeconds: number;
                p95RenderSeconds: number;
                /** @description Completed renders */
                renders: number;
            }[];
        };
        GeneratedScripts: {
            scripts: {
                script: {
                    [key: string]: unknown;
                };
                estimatedSeconds: number;
            }[];
            usage: components["schemas"]["GenerationUsage"][];
            quota: {
                used: number;
                limit: number;
                /** @description The next UTC midnight, when the count starts again */
                resetsAt: string;
            };
            renders: components["schemas"]["Render"][];
        };
        GenerationUsage: {
            provider: string;
            model: string | null;
            /** @description true when the embedded offline writer wrote it (no model configured) */
            offline: boolean;
            attempts: number;
            promptTokens: number;
            completionTokens: number;
            totalTokens: number;
            latencyMs: number;
            requests: {
                [key: string]: unknown;
            }[];
        };
        Share: {
            /** @description Unguessable; the id in every public URL */
            id: string;
            /** @enum {string} */
            kind: "project" | "render";
            /**
             * @description preparing: a worker is voicing it and rendering its poster; only a ready share plays
             * @enum {string}
             */
            status: "preparing" | "ready" | "failed";
            title: string;
            author: string | null;
            template: string;
            width: number;
            height: number;
            projectId: string | null;
            projectVersion: number | null;
            renderId: string | null;
            renderOutput: string | null;
            allowedOrigins: string[];
            /** @description Whether a cover image was asked for */
            poster: boolean;
            /** @description Why preparing failed */
            error: {
                code: string;
                message: string;
                problems?: {
                    path: string;
                    message: string;
                }[];
            } | null;
            /** @description Viewers counted when the player loads the share's JSON: one per address per hour */
            views: number;
            createdAt: string;
            readyAt: string | null;
            urls: {
                /** @description The iframe page */
                embed: string;
                /** @description The JSON the player loads */
                public: string;
                oembed: string;
                poster: string | null;
            };
            /** @description Copy-paste embed code */
            snippets: {
                iframe: string;
                script: string;
            };
        };
        SharePage: {
            shares: components["schemas"]["Share"][];
            nextCursor: string | null;
        };
        PublicShare: {
            id: string;
            /**
             * @description project: play `props` with the template pack; render: play `video` with its `captions`
             * @enum {string}
             */
            kind: "project" | "render";
            title: string;
            author: string | null;
            /** @description The pack to play `props` with (a project share) */
            template: string;
            fps: number;
            durationInFrames: number;
            durationSec: number;
            /** @description The script's aspect ratio, e.g. 9:16 */
            format: string;
            /** @description The composition's width (a render share: the video's) */
            width: number;
            height: number;
            /** @description URL of the cover image */
            poster: string | null;
            /** @description A project share: the validated, voiced script (speech and word timings on every line), every `src` a URL under this share */
            props: {
                [key: string]: unknown;
            } | null;
            /** @description A render share: the rendered video */
            video: {
                src: string;
                mime: string;
            } | null;
            /** @description A render share: its WebVTT captions */
            captions: string | null;
            embedUrl: string;
        };
        OEmbed: {
            /** @constant */
            version: "1.0";
            /** @constant */
            type: "video";
            title: string;
            author_name?: string;
            provider_name: string;
            provider_url: string;
            html: string;
            width: number;
            height: number;
            thumbnail_url?: string;
            thumbnail_width?: number;
            thumbnail_height?: number;
            cache_age?: number;
        };
        AdminUserList: {
            users: components["schemas"]["AdminUser"][];
            nextCursor: string | null;
        };
        AdminUser: {
            /** Format: uuid */
            id: string;
            email: string;
            /** @enum {string} */
            role: "admin" | "premium" | "standard";
            createdAt: string;
            /** @description Projects the user holds */
            projects: number;
            /** @description Renders the user ever ordered (kept rows) */
            renders: number;
        };
        VoiceList: {
            /** @description The speech engine's name (the offline voices: Festival, flite and espeak-ng; or the configured OpenAI-compatible endpoint) */
            provider: string;
            voices: {
                id: string;
                name: string | null;
                /** @description Null for multilingual voices */
                language: string | null;
            }[];
            /** @description A voice may take one variant after "+" (espeak-ng: `en-us+f3`); empty when the engine has none */
            variants: {
                id: string;
                name: string | null;
                gender: ("female" | "male") | null;
            }[];
            /** @description With `?language=`: the voices a script in that language gets by default */
            defaults: {
                language: string;
                /** @description Character i without a voice speaks with characters[i % length] */
                characters: string[];
                narrator: string | null;
            } | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    postV1AuthRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Credentials"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Invalid email or weak password */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Email taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1AuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Credentials"];
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Wrong email or password */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1AuthRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description New tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Invalid, expired or reused token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1AuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postV1AuthLogoutAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out everywhere; the API keys that still work are counted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogoutAllResult"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postV1AuthPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description If the account exists, an email is on its way */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postV1AuthPasswordResetConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Password changed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Token invalid, used or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1Me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description No credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchV1MePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreferencesPatch"];
            };
        };
        responses: {
            /** @description The user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postV1MePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description New tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Current password wrong */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1MeAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: {
                            event: string;
                            ip: string | null;
                            details: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getV1MeSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Open sessions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessions: components["schemas"]["Session"][];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deleteV1MeSessionsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such open session of this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchV1AdminUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "admin" | "premium" | "standard";
                };
            };
        };
        responses: {
            /** @description The user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The change would leave no admin */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1ApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiKeys: components["schemas"]["ApiKey"][];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postV1ApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @default [
                     *       "renders:read",
                     *       "renders:write",
                     *       "templates:read"
                     *     ]
                     */
                    scopes?: ("templates:read" | "projects:read" | "projects:write" | "media:read" | "media:write" | "renders:read" | "renders:write" | "webhooks:read" | "webhooks:write" | "usage:read" | "scripts:write" | "shares:read" | "shares:write")[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description Invalid name (e.g. control or bidirectional-formatting characters) or scopes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Keys cannot create keys */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The tier's limit of API keys not revoked (maxApiKeys) is reached (LIMIT_EXCEEDED) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteV1ApiKeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1ApiKeysIdRoll: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new key */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1Templates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Templates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        templates: components["schemas"]["TemplateSummary"][];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getV1TemplatesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Template */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Template"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unknown template */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1Projects: {
        parameters: {
            query?: {
                /** @description Only projects whose name contains this text (case-insensitive; `%` and `_` match literally) */
                q?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of projects */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        projects: components["schemas"]["ProjectSummary"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postV1Projects: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProjectRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Invalid script or unknown template */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The tier's limit of projects (maxProjects) is reached (LIMIT_EXCEEDED) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1ProjectsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such project (or version) of yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putV1ProjectsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SaveProjectRequest"];
            };
        };
        responses: {
            /** @description Renamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description New version saved */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Invalid script or unknown template */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such project (or version) of yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description baseVersion is not the latest version */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The tier's limit of versions per project (maxProjectVersions) is reached (LIMIT_EXCEEDED) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteV1ProjectsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such project (or version) of yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1ProjectsIdVersions: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of versions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        versions: components["schemas"]["ProjectVersionSummary"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such project (or version) of yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1ProjectsIdVersionsVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectVersion"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such project (or version) of yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1ProjectsIdDiff: {
        parameters: {
            query: {
                from: number;
                to: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The patch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDiff"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such project (or version) of yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1ProjectsIdRollback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RollbackProjectRequest"];
            };
        };
        responses: {
            /** @description New version saved */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such project (or version) of yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description baseVersion is not the latest version */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The tier's limit of versions per project (maxProjectVersions) is reached (LIMIT_EXCEEDED) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1Media: {
        parameters: {
            query?: {
                /** @description Only assets whose filename or a tag contains this text (case-insensitive; `%` and `_` match literally) */
                q?: string;
                kind?: "image" | "audio" | "video";
                tag?: string;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaList"];
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postV1Media: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Field `file`: one PNG, JPEG, WebP or GIF image, MP3, WAV, Ogg, Opus, FLAC, M4A or AAC audio, or MP4, WebM or QuickTime video (the type is read from the content). Optional `tags`: comma-separated or repeated, each 1–40 characters, at most 20. */
        requestBody: {
            content: {
                "multipart/form-data": unknown;
            };
        };
        responses: {
            /** @description Stored; use `ref` in scripts */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Media"];
                };
            };
            /** @description No file, or a malformed form */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Over the upload size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not multipart/form-data, or not an allowed media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unreadable media, over the dimension or duration limits, or over the tier's maxMediaFiles / maxMediaMegabytes (LIMIT_EXCEEDED) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1MediaId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The asset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Media"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteV1MediaId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchV1MediaId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MediaTagsUpdate"];
            };
        };
        responses: {
            /** @description The asset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Media"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1MediaIdFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, as an attachment, with its detected type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1FilesMediaId: {
        parameters: {
            query: {
                expires: number;
                signature: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with its detected type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                };
            };
            /** @description Bad or expired signature */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The asset was deleted */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1FilesMediaIdThumbnail: {
        parameters: {
            query: {
                expires: number;
                signature: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The thumbnail (an image FFmpeg cannot read: the image itself) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": unknown;
                };
            };
            /** @description Bad or expired signature */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The asset was deleted, is audio, or is a video FFmpeg cannot read */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1Renders: {
        parameters: {
            query?: {
                status?: "queued" | "active" | "completed" | "failed" | "cancelled";
                batchId?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RenderPage"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postV1Renders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenderRequest"];
            };
        };
        responses: {
            /** @description Queued (or, with a repeated Idempotency-Key and the same body, the render made the first time) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Render"];
                };
            };
            /** @description Invalid request or script (problems name JSON paths) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Idempotency-Key reused with a different body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit or render-minutes quota */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Queue unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1RendersBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchRequest"];
            };
        };
        responses: {
            /** @description Valid rows queued; invalid rows reported with their problems */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResult"];
                };
            };
            /** @description The batch itself is malformed (a row's shape, a CSV header that is empty, repeated or `__proto__`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description More rows than the tier's maxBatchRows, a template past batchTemplateValues, or rows × template values past batchWork; nothing was queued */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1RendersEstimate: {
        parameters: {
            query?: {
                /** @description Template pack id (required with `seconds`; defaults to the project's) */
                template?: string;
                /** @description Length of the video in seconds */
                seconds?: number;
                /** @description Estimate the latest version of a saved project (its length by reading speed) instead of `seconds` */
                projectId?: string;
                resolution?: "480p" | "720p" | "1080p" | "4k";
                format?: "mp4" | "webm" | "gif" | "prores" | "png" | "jpeg";
                /** @description A platform preset: sets the frame's shape */
                preset?: "tiktok" | "reels" | "shorts" | "youtube" | "instagram-square" | "instagram-portrait";
                /** @description The frame's shape with `seconds` (a project's script says its own) */
                aspect?: "9:16" | "16:9" | "1:1" | "4:5";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The estimate */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RenderEstimate"];
                };
            };
            /** @description Invalid query (problems name the field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Project not found (or another user's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1RendersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The render */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Render"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found (or another user's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1RendersIdEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An event stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The tier's limit of open event streams (maxEventStreams) is reached (LIMIT_EXCEEDED) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1RendersIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Render"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Already finished */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1RendersIdOutputsName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not completed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1RendersIdOutputsNameUrl: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The link */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        expiresAt: string;
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1FilesRendersIdName: {
        parameters: {
            query: {
                expires: number;
                signature: string;
            };
            header?: never;
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                };
            };
            /** @description Bad or expired signature */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1Webhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Endpoints, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhooks: components["schemas"]["WebhookEndpoint"][];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postV1Webhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL is not allowed (WEBHOOK_URL_REJECTED), or the tier's limit of endpoints (maxWebhooks) is reached (LIMIT_EXCEEDED) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1WebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such endpoint (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteV1WebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such endpoint (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchV1WebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookRequest"];
            };
        };
        responses: {
            /** @description The endpoint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such endpoint (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The URL is not allowed (WEBHOOK_URL_REJECTED) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1WebhooksIdRotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint with its new secret (shown only here) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such endpoint (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1WebhooksIdTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued; the dispatcher sends it within a second or so */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such endpoint (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The endpoint is disabled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1WebhooksIdDeliveries: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deliveries: components["schemas"]["WebhookDelivery"][];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such endpoint (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1WebhooksIdDeliveriesDeliveryIdRedeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such endpoint or delivery */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The endpoint is disabled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1Usage: {
        parameters: {
            query?: {
                /** @description First UTC day, inclusive (default: 29 days before `to`); from 1970-01-01 to a year from today */
                from?: string;
                /** @description Last UTC day, inclusive (default: today); from 1970-01-01 to a year from today */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Usage */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Usage"];
                };
            };
            /** @description Invalid dates or range */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getV1AdminStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Statistics */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminStats"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1ScriptsGenerate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GenerateScriptRequest"];
            };
        };
        responses: {
            /** @description The scripts, with token usage and latency per request */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeneratedScripts"];
                };
            };
            /** @description Invalid brief */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key without scripts:write, or with `render` but without renders:write (no generation is counted) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refused by moderation or by the model */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Daily generation quota */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The model failed or never produced a valid script */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1ProjectsIdShare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishProjectRequest"];
            };
        };
        responses: {
            /** @description Published; `preparing` until a worker has voiced it */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Share"];
                };
            };
            /** @description Invalid request, or the version's script no longer validates (problems name JSON paths) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such project or version (or another user's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The tier's maxShares or maxVideoSeconds (LIMIT_EXCEEDED) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Queue unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1RendersIdShare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishRenderRequest"];
            };
        };
        responses: {
            /** @description Published; `preparing` until its files and poster are in place */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Share"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such render (or another user's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The render has not completed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No playable output (mp4 or webm), or the tier's maxShares */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Queue unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1Shares: {
        parameters: {
            query?: {
                projectId?: string;
                renderId?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SharePage"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getV1SharesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The share */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Share"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found (or another user's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteV1SharesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found (or another user's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1SharesIdPublic: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The share */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicShare"];
                };
            };
            /** @description A page of an origin not in the share's allowed origins */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown, revoked or failed: "this video is no longer available" */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Still being prepared; Retry-After says when to ask again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1SharesIdAssetsName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                };
            };
            /** @description The requested range */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                };
            };
            /** @description A page of an origin not in the share's allowed origins */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such share or file */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The range is outside the file */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getOembed: {
        parameters: {
            query: {
                /** @description A share's embed URL (`/embed/<id>`) or share page URL */
                url: string;
                /** @description Only json is provided (xml answers 501) */
                format?: "json" | "xml";
                maxwidth?: number;
                maxheight?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The oEmbed answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OEmbed"];
                };
            };
            /** @description Not a share of this server's, or revoked or failed */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description format=xml (only JSON is provided) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1AdminUsers: {
        parameters: {
            query?: {
                /** @description Only emails containing this text (case-insensitive) */
                q?: string;
                role?: "admin" | "premium" | "standard";
                /** @description `nextCursor` of the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserList"];
                };
            };
            /** @description Invalid query (a cursor this API did not return) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1Voices: {
        parameters: {
            query?: {
                language?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The voices */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoiceList"];
                };
            };
            /** @description Invalid language */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The speech engine could not list its voices */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1VoicesPreview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoicePreviewRequest"];
            };
        };
        responses: {
            /** @description The line as WAV. Headers: `X-Speech-Duration` (seconds), `X-Speech-Cache` (`hit`: served from the cache, not counted; `miss`), `X-Speech-Words` (base64url of JSON `[{ text, startSec, endSec }]`, the word timings captions use), `X-Voice-Previews-Used` and `X-Voice-Previews-Limit` (today, UTC) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "audio/wav": unknown;
                };
            };
            /** @description Invalid body; an unknown voice is named at body.voice */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The day's voice previews are used up (QUOTA_EXCEEDED, voicePreviewsPerDay); lines already in the cache are still served */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The speech engine failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
