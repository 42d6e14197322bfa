// core/blueprints: function blueprints (sample code + configuration preset + sample events) — list them with
// their manifests, pick one, generate it into a project; application templates (blueprints/apps/), listed and
// copied into a new folder. vscode-free; the CLI's `init` and VS Code use it.
export { findBlueprint, findBlueprintsRoot, listBlueprints, type Blueprint } from './catalog';
export { initBlueprint, type InitOptions, type InitResult } from './init';
export { LANGUAGES, SOURCE_KINDS, validateEvent, validateManifest, type BlueprintEvent, type BlueprintManifest, type Language, type SourceKind } from './manifest';
export { createApplication, findApplication, listApplications, validateAppManifest, type AppEvent, type AppManifest, type Application, type CreateApplicationOptions, type CreateApplicationResult } from './apps';
export { applicationNameProblem, functionNameProblem, groupBlueprints, newProjectDir, templateLogicalIds, type BlueprintGroup } from './choices';
export { initGitRepository, type GitInitResult } from './gitRepository';
