// Reads a Procfile the way Heroku does. Pure, so the engine can report every
// problem at once instead of failing on the first bad line.

export interface ParsedProcfile {
  /** Process type → command line, in file order. */
  processes: Map<string, string>;
  problems: string[];
}

const LINE = /^([A-Za-z0-9_-]+):[ \t]*(.*)$/;

export function parseProcfile(text: string): ParsedProcfile {
  const processes = new Map<string, string>();
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `Procfile line ${index + 1}`;
    const match = LINE.exec(line);
    if (!match) {
      const colon = line.indexOf(':');
      problems.push(
        colon < 0
          ? `${where}: expected "<type>: <command>", got "${line}"`
          : `${where}: process type "${line.slice(0, colon).trim()}" may only contain letters, digits, "_" and "-"`,
      );
      return;
    }
    const [, type = '', command = ''] = match;
    if (command.trim() === '') {
      problems.push(`${where}: process type "${type}" has no command`);
      return;
    }
    if (processes.has(type)) {
      problems.push(`${where}: process type "${type}" is defined twice`);
      return;
    }
    processes.set(type, command.trim());
  });
  return { processes, problems };
}
