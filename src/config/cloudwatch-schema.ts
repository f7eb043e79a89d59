// The `cloudwatch:` section of dynodeck.yml: which RDS instance is each environment's database,
// and which CloudWatch alarms the deck shows. Credentials never go here: they come from the AWS
// SDK's default chain (environment, shared profile, SSO, instance role).
import * as z from 'zod';

const MAPPING = 'expected a mapping (key: value)';

/** us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-3, il-central-1... */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const REGION_MESSAGE = 'expected an AWS region such as eu-west-1';

/** RDS's own rule for DBInstanceIdentifier: 1-63 letters, digits or hyphens, a letter first, no "--", no trailing "-". */
const INSTANCE = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}(?<!-)$/;
const INSTANCE_MESSAGE =
  'expected an RDS DB instance identifier (1 to 63 letters, digits and hyphens, starting with a letter)';

const ALARMS_MESSAGE = 'expected all, { prefix: "shop-" } or { names: [alarm, ...] } (a prefix or names, not both)';
const NAMES_MESSAGE = 'expected a list of 1 to 100 alarm names';

export type AlarmSelection = 'all' | { prefix: string } | { names: string[] };

export interface CloudWatchConfig {
  region?: string;
  /** Environment name or stage → DBInstanceIdentifier. */
  rds: Record<string, string>;
  alarms: AlarmSelection;
}

const alarmName = z
  .string({ error: 'expected an alarm name (text)' })
  .min(1, { error: 'expected an alarm name (text)' })
  .max(255, { error: 'expected an alarm name (up to 255 characters)' });

export const cloudwatchSchema = z
  .strictObject(
    {
      region: z
        .string({ error: REGION_MESSAGE })
        .regex(REGION, { error: REGION_MESSAGE })
        .optional()
        .describe("AWS region of the databases and alarms. Defaults to AWS_REGION, then the profile's region."),
      rds: z
        .record(z.string().min(1), z.string({ error: INSTANCE_MESSAGE }).regex(INSTANCE, { error: INSTANCE_MESSAGE }), {
          error: 'expected a mapping of environment (name or stage) to DB instance identifier',
        })
        .default({})
        .describe(
          "Each environment's RDS instance, by environment name or stage: { staging: shop-staging-db, production: shop-prod-db }.",
        ),
      alarms: z
        .union(
          [
            z.literal('all'),
            z.strictObject({ prefix: alarmName }),
            z.strictObject({
              names: z
                .array(alarmName, { error: NAMES_MESSAGE })
                .min(1, { error: NAMES_MESSAGE })
                .max(100, { error: NAMES_MESSAGE }),
            }),
          ],
          { error: ALARMS_MESSAGE },
        )
        .default('all')
        .describe(
          'Which CloudWatch alarms (metric and composite) appear in the Alerts pane: all (the default), those whose name starts with a prefix, or a list of names (up to 100).',
        ),
    },
    { error: MAPPING },
  )
  .describe('RDS health and CloudWatch alarms. Credentials come from the AWS SDK chain, never from this file.');
