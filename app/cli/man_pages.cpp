#include "cli/man_pages.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "util/error.h"

namespace lt::cli {
namespace {

namespace fs = std::filesystem;

// roff: a backslash is \e, a minus is \- (so that options copy and paste from a terminal), and a
// line must not start with a dot or a quote, which roff would read as a request.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A description as a sentence: a capital first letter and a full stop.
std::string sentence(std::string text) {
  if (text.empty()) return text;
  text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  if (text.back() != '.' && text.back() != '?' && text.back() != '!') text += '.';
  return text;
}

std::string joined(const std::vector<std::string>& words, const std::string& separator) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

// The subcommands a user sees: hidden ones (empty group) and disabled ones are left out.
std::vector<CLI::App*> visible_subcommands(CLI::App* app) {
  return app->get_subcommands(
      [](CLI::App* sub) { return !sub->get_group().empty() && !sub->get_disabled(); });
}

std::vector<const CLI::Option*> visible_options(const CLI::App* app, bool positional) {
  return app->get_options([positional](const CLI::Option* o) {
    return !o->get_group().empty() && (o->nonpositional() != positional);
  });
}

// "-h", "--help" of an option, as CLI11 lists them.
std::vector<std::string> option_names(const CLI::Option* o) {
  std::vector<std::string> names;
  std::stringstream all(o->get_name(false, true));
  for (std::string name; std::getline(all, name, ',');)
    if (!name.empty()) names.push_back(name);
  return names;
}

bool takes_value(const CLI::Option* o) {
  return o->get_items_expected_max() != 0;
}

// The values an option accepts when CLI11 knows them (IsMember shows "TEXT:{a,b,c}").
std::vector<std::string> choices(const CLI::Option* o) {
  const std::string type = o->get_type_name();
  const auto open = type.find('{');
  const auto close = type.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::vector<std::string> values;
  std::stringstream list(type.substr(open + 1, close - open - 1));
  for (std::string v; std::getline(list, v, ',');)
    if (!v.empty()) values.push_back(v);
  return values;
}

struct Command {
  CLI::App* app;
  std::vector<std::string> words;  // "longtail", "data", "show"
  std::string page() const { return joined(words, "-"); }
  std::string invocation() const { return joined(words, " "); }
};

std::vector<Command> all_commands(CLI::App& root) {
  std::vector<Command> commands{{&root, {root.get_name()}}};
  for (size_t i = 0; i < commands.size(); ++i) {
    for (CLI::App* sub : visible_subcommands(commands[i].app)) {
      Command child{sub, commands[i].words};
      child.words.push_back(sub->get_name());
      commands.push_back(child);
    }
  }
  return commands;
}

std::string man_page(const Command& c, const std::string& version) {
  CLI::App* app = c.app;
  const auto subs = visible_subcommands(app);
  const auto positionals = visible_options(app, true);
  const auto options = visible_options(app, false);
  std::ostringstream m;
  m << ".TH " << upper(c.page()) << " 1 \"\" \"" << roff(version) << "\" \"LongTail Lab\"\n"
    << ".nh\n";  // no hyphenation: command and option names stay whole
  m << ".SH NAME\n" << roff(c.page()) << " \\- " << roff(app->get_description()) << "\n";

  m << ".SH SYNOPSIS\n.B " << roff(c.invocation()) << "\n[\\fIOPTIONS\\fR]";
  for (const auto* p : positionals)
    m << (p->get_required() ? " \\fI" : " [\\fI") << roff(upper(p->get_name(true)))
      << (p->get_required() ? "\\fR" : "\\fR]");
  if (!subs.empty()) m << " \\fICOMMAND\\fR";
  m << "\n";

  m << ".SH DESCRIPTION\n" << roff(sentence(app->get_description())) << "\n";
  if (c.words.size() == 1)
    m << ".PP\nEach command has its own page: \\fBman " << roff(c.page())
      << "\\-COMMAND\\fR, e.g. \\fBman longtail\\-data\\-show\\fR.\n";
  const std::string footer = app->get_footer();
  if (!footer.empty()) m << ".PP\n.nf\n" << roff(footer) << "\n.fi\n";

  if (!subs.empty()) {
    m << ".SH COMMANDS\n";
    for (CLI::App* sub : subs) {
      m << ".TP\n.B " << roff(sub->get_name()) << "\n"
        << roff(sub->get_description()) << "; see \\fB" << roff(c.page() + "-" + sub->get_name())
        << "\\fR(1).\n";
    }
  }
  if (!positionals.empty()) {
    m << ".SH ARGUMENTS\n";
    for (const auto* p : positionals)
      m << ".TP\n.I " << roff(upper(p->get_name(true))) << "\n"
        << roff(p->get_description()) << "\n";
  }
  if (!options.empty()) {
    m << ".SH OPTIONS\n";
    for (const auto* o : options) {
      std::vector<std::string> names;
      for (const auto& n : option_names(o)) names.push_back("\\fB" + roff(n) + "\\fR");
      m << ".TP\n" << joined(names, ", ");
      if (takes_value(o)) m << " \\fI" << roff(o->get_type_name()) << "\\fR";
      m << "\n" << roff(o->get_description());
      if (!o->get_default_str().empty()) m << " (default: " << roff(o->get_default_str()) << ")";
      if (o->get_required()) m << " (required)";
      m << "\n";
    }
  }
  m << ".SH EXIT STATUS\n"
       ".TP\n.B 0\nsuccess\n"
       ".TP\n.B 1\na runtime error: a missing or damaged file, data that cannot serve the "
       "request (one line on stderr names the file and says what to do)\n"
       ".TP\n.B 2\na usage error: an unknown option or a nonsensical setting\n";
  m << ".SH SEE ALSO\n";
  std::vector<std::string> related;
  if (c.words.size() > 1) {
    std::vector<std::string> parent(c.words.begin(), c.words.end() - 1);
    related.push_back("\\fB" + roff(joined(parent, "-")) + "\\fR(1)");
  }
  for (CLI::App* sub : subs)
    related.push_back("\\fB" + roff(c.page() + "-" + sub->get_name()) + "\\fR(1)");
  related.push_back("\\fBlongtail\\-lab\\fR(1)");
  m << joined(related, ",\n") << "\n";
  return m.str();
}

// Bash completion: subcommands, options, and the values of options that list them; a value of
// any other option, and an argument, falls back to file names (complete -o default).
std::string bash_completion(const std::vector<Command>& commands) {
  std::ostringstream b;
  b << "# bash completion for longtail; written by `longtail man-pages` from the CLI's own "
       "options.\n"
       "_longtail() {\n"
       "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} path=longtail i\n"
       "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
       "    case \"$path ${COMP_WORDS[i]}\" in\n";
  std::vector<std::string> paths;
  for (size_t i = 1; i < commands.size(); ++i)
    paths.push_back("'" + commands[i].invocation() + "'");
  b << "      " << joined(paths, "|") << ") path=\"$path ${COMP_WORDS[i]}\" ;;\n"
    << "    esac\n"
       "  done\n"
       "  local subcommands='' options='' valued=''\n"
       "  case \"$path\" in\n";
  for (const Command& c : commands) {
    std::vector<std::string> subs, opts, valued;
    for (CLI::App* sub : visible_subcommands(c.app)) subs.push_back(sub->get_name());
    for (const auto* o : visible_options(c.app, false)) {
      for (const auto& n : option_names(o)) {
        opts.push_back(n);
        if (takes_value(o)) valued.push_back(n);
      }
    }
    b << "    '" << c.invocation() << "') subcommands='" << joined(subs, " ") << "' options='"
      << joined(opts, " ") << "' valued='" << joined(valued, " ") << "' ;;\n";
  }
  b << "  esac\n"
       "  case \"$path $prev\" in\n";
  for (const Command& c : commands) {
    for (const auto* o : visible_options(c.app, false)) {
      const auto values = choices(o);
      if (values.empty() || !takes_value(o)) continue;
      for (const auto& n : option_names(o))
        b << "    '" << c.invocation() << " " << n << "') COMPREPLY=($(compgen -W '"
          << joined(values, " ") << "' -- \"$cur\")); return ;;\n";
    }
  }
  b << "  esac\n"
       "  [[ \" $valued \" == *\" $prev \"* ]] && return  # a value: file names\n"
       "  if [[ $cur == -* ]]; then\n"
       "    COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
       "  elif [[ -n $subcommands ]]; then\n"
       "    COMPREPLY=($(compgen -W \"$subcommands\" -- \"$cur\"))\n"
       "  fi\n"
       "}\n"
       "complete -o default -F _longtail longtail\n";
  return b.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw_io("cannot write " + path.string() + "; check the folder's permissions");
}

void write_pages(CLI::App& root, const std::string& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw_io("cannot make the folder " + folder + ": " + ec.message());
  const auto commands = all_commands(root);
  const std::string version = "longtail " LONGTAIL_VERSION;
  for (const Command& c : commands)
    write_file(fs::path(folder) / (c.page() + ".1"), man_page(c, version));
  write_file(fs::path(folder) / "longtail.bash", bash_completion(commands));
}

}  // namespace

void add_man_pages_command(CLI::App& app, std::function<void()>& action) {
  auto folder = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "man-pages", "write the man pages and the bash completion of every command into a folder");
  cmd->group("");  // for the build, not for users: hidden from --help and from the pages
  cmd->add_option("--out", *folder, "the folder to write into")->required();
  cmd->callback(
      [&app, &action, folder] { action = [&app, folder] { write_pages(app, *folder); }; });
}

}  // namespace lt::cli
