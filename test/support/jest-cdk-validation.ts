// aws-cdk-lib 2.269 validates every synthesized template with its built-in CloudFormation rules
// (a 9 MB WebAssembly engine). Starting that engine costs about 10 s of CPU in every module
// registry, i.e. in every jest test file that synthesizes, and its findings are warnings only
// (they never fail a synth unless `@aws-cdk/core:validateAgainstDefaultRules` is set). The unit
// tests skip it; cfn-lint checks every template of the reference app and the integ apps, and
// `npm run example` keeps this validation on (see CONTRIBUTING.md). CDK_VALIDATION=true in the
// environment turns it back on.
process.env.CDK_VALIDATION ??= 'false';
