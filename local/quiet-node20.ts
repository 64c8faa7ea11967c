// The AWS SDK warns at import time that future versions need Node 22; the local runtime supports
// Node 20, so the multi-line warning would only clutter the console. Import this module first.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
