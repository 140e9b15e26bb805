// `cdk synth` entry of the reference app (see cdk.json): the nag packs run as policy-validation
// plugins, so any unacknowledged finding stops the synth.
import { App, Validations } from 'aws-cdk-lib';
import { buildReferenceApp } from './app';
import { nagPacks } from '../test/support/nag-packs';

const app = new App();
Validations.of(app).addPlugins(...nagPacks());
buildReferenceApp(app);
app.synth();
