/**
 * The deploy stack: the macro Lambda (from the esbuild bundle), its log group and least-privilege
 * role, and the `AWS::CloudFormation::Macro` that makes `Transform: <name>` call it.
 */
import { CfnMacro, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { assertBundleBuilt, MACRO_BUNDLE_DIR, MACRO_BUNDLE_HANDLER } from './bundle';

// The macro is pure CPU on one JSON document: no network, no AWS SDK, no file reads. Lambda gives
// CPU in proportion to memory, so 256 MB (twice the minimum) halves cold-start and large-template
// time against 128 MB, for a function that runs once per change set and so costs nearly nothing.
// The largest input is a 1 MB template (the processed-template limit); tens of MB of heap suffice.
/** Memory for the macro function, in MiB. */
export const MACRO_MEMORY_SIZE_MIB = 256;

// CloudFormation documents no macro timeout, and a Lambda timeout fails the whole deploy (Datadog's
// macro raised its timeout after the 3 s default caused failed deploys and rollbacks). A real
// expansion takes milliseconds warm and well under a second cold, so 30 s is ample headroom for a
// slow cold start on a maximal template, while a hung invocation still fails in half a minute.
/** Timeout of the macro function, in seconds. */
export const MACRO_TIMEOUT_SECONDS = 30;

// Macro errors are read while a deploy is failing, not months later; a month also covers a
// release cycle of "it broke last week" questions without keeping logs forever.
/** How long the function's log group keeps events. */
export const MACRO_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/** Properties of {@link MacroStack}. */
export interface MacroStackProps extends StackProps {
  /** The macro name templates use in their `Transform` section; validate it with `validateMacroName` first. */
  readonly macroName: string;
  /**
   * Folder holding the bundled handler (`index.js`, export `handler`).
   *
   * @default - MACRO_BUNDLE_DIR, the `dist/lambda` that `node build.mjs` writes
   */
  readonly bundleDir?: string;
}

/** One deployable version of the ServiceProxy macro: function, log group, role and macro definition. */
export class MacroStack extends Stack {
  /** The macro's name, as templates reference it. */
  public readonly macroName: string;
  /** The Lambda function CloudFormation invokes for each template that uses the macro. */
  public readonly function: lambda.Function;
  /** The function's log group: where the macro's own error details land. */
  public readonly logGroup: logs.LogGroup;
  /** The `AWS::CloudFormation::Macro` resource. */
  public readonly macro: CfnMacro;

  constructor(scope: Construct, id: string, props: MacroStackProps) {
    super(scope, id, {
      description: `ServiceProxy CloudFormation macro "${props.macroName}": expands Proxy::ServiceIntegration resources`,
      ...props,
    });
    this.macroName = props.macroName;
    const bundleDir = props.bundleDir ?? MACRO_BUNDLE_DIR;
    assertBundleBuilt(bundleDir);

    // Created here rather than by Lambda on first write so that it has a retention period and
    // goes away with the stack. No fixed name: two macro versions' stacks must not collide, and a
    // generated name lets the group be destroyed and recreated freely (the retention bounds the
    // data anyway, so nothing is worth retaining after the macro is removed).
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: MACRO_LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An explicit role instead of the default one, which carries AWSLambdaBasicExecutionRole
    // (logs on `*`). The macro needs no AWS API, so writing its own log group is all it may do.
    // Inline, so the permission exists as soon as the role does (no separate policy to wait for).
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.macroName} macro: writes its own log group only`,
      inlinePolicies: {
        WriteOwnLogs: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              // The group's Arn attribute ends in `:*`, which covers its log streams.
              resources: [this.logGroup.logGroupArn],
            }),
          ],
        }),
      },
    });

    this.function = new lambda.Function(this, 'Function', {
      description: `CloudFormation macro ${props.macroName}: expands Proxy::ServiceIntegration resources`,
      code: lambda.Code.fromAsset(bundleDir),
      handler: MACRO_BUNDLE_HANDLER,
      // nodejs20.x is deprecated; the node20-targeted bundle runs unchanged on 22.
      runtime: lambda.Runtime.NODEJS_22_X,
      // Cheaper per GB-second than x86 and the bundle is plain JavaScript with no native code.
      architecture: lambda.Architecture.ARM_64,
      memorySize: MACRO_MEMORY_SIZE_MIB,
      timeout: Duration.seconds(MACRO_TIMEOUT_SECONDS),
      role,
      logGroup: this.logGroup,
    });

    // No Lambda resource policy: CloudFormation invokes a macro's function with the credentials of
    // whoever creates the change set, so that caller needs lambda:InvokeFunction, not a service principal.
    this.macro = new CfnMacro(this, 'Macro', {
      name: props.macroName,
      functionName: this.function.functionArn,
      description: 'Expands Proxy::ServiceIntegration resources into API Gateway service integrations',
    });

    new CfnOutput(this, 'MacroName', {
      description: "Name to list in a template's Transform section",
      value: props.macroName,
    });
    new CfnOutput(this, 'FunctionArn', {
      description: 'ARN of the macro Lambda function',
      value: this.function.functionArn,
    });
    new CfnOutput(this, 'LogGroupName', {
      description: "Log group holding the macro function's logs (details of failed expansions)",
      value: this.logGroup.logGroupName,
    });
  }
}
