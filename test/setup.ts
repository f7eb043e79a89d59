// Ink treats any CI value but "false"/"0" as CI and then renders nothing.
process.env.CI = 'false';
