/** AWS CloudFormation limits. */

/** CloudFormation accepts at most 500 resources per stack; a guarded function alone brings 10 to 14. */
export const CLOUDFORMATION_MAX_RESOURCES_PER_STACK = 500;
