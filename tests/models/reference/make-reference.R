# Reference values for tests/models: what R's survival::coxph, glm and survfit give on fixed
# data sets. The tests compare the TypeScript fits with reference.json and need no R.
#
#   Rscript tests/models/reference/make-reference.R      (run from the repository root)
#
# The data sets are CSV files beside this script. lung.csv and veteran.csv are exported from
# the survival package; ties_sim.csv and monitor_sim.csv are generated below with a fixed
# seed, but only when missing: the committed files are the reference, not the generator
# (R's RNG may change between versions).
suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
here <- if (length(script)) dirname(normalizePath(script)) else "tests/models/reference"
path <- function(f) file.path(here, f)
K <- 10  # disclosure threshold used for the monitor-like set

write_data <- function(d, f) write.csv(d, path(f), row.names = FALSE, quote = FALSE)

# ---- data sets -----------------------------------------------------------------------

if (!file.exists(path("lung.csv"))) {
  d <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog")])
  write_data(data.frame(tijd = d$time, gebeurtenis = as.integer(d$status == 2), age = d$age,
                        sex = ifelse(d$sex == 1, "m", "v"), ph_ecog = d$ph.ecog), "lung.csv")
}
if (!file.exists(path("veteran.csv"))) {
  d <- veteran
  write_data(data.frame(tijd = d$time, gebeurtenis = d$status, trt = d$trt,
                        celltype = as.character(d$celltype), karno = d$karno,
                        prior = d$prior), "veteran.csv")
}
if (!file.exists(path("ties_sim.csv"))) {
  # Heavily tied: 1500 records on 12 distinct times.
  set.seed(20240611)
  n <- 1500
  groep <- sample(c("a", "b", "c"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
  x <- round(rnorm(n), 3)
  vlag <- sample(c("nee", "ja"), n, replace = TRUE)
  lp <- 0.4 * (groep == "b") - 0.5 * (groep == "c") + 0.3 * x + 0.2 * (vlag == "ja")
  t <- rexp(n, 0.12 * exp(lp))
  cens <- runif(n, 3, 14)
  write_data(data.frame(tijd = pmin(ceiling(t), ceiling(cens), 12),
                        gebeurtenis = as.integer(t <= cens & ceiling(t) <= 12),
                        groep = groep, x = x, vlag = vlag), "ties_sim.csv")
}
if (!file.exists(path("monitor_sim.csv"))) {
  # Like a model frame of the monitor: categorical covariates, days 1..730, with a level too
  # small to estimate (instelling: 8 records), a level with too few events (bij_ouders: 60
  # records, 7 events), and an interaction with too few records (opleiding x v).
  set.seed(20240612)
  n <- 4000
  geslacht <- sample(c("m", "v"), n, replace = TRUE, prob = c(0.88, 0.12))
  leeftijd <- sample(c("25-34", "18-24", "35-44", "45+"), n, replace = TRUE, prob = c(0.3, 0.2, 0.25, 0.25))
  activiteit <- sample(c("geen", "werk", "opleiding", "uitkering"), n, replace = TRUE, prob = c(0.4, 0.13, 0.05, 0.42))
  activiteit[geslacht == "v" & activiteit == "opleiding"] <- "geen"
  activiteit[which(geslacht == "v")[1:5]] <- "opleiding"
  huisvesting <- sample(c("alleenstaand", "met_partner", "met_anderen", "briefadres", "geen_inschrijving"),
                        n, replace = TRUE, prob = c(0.4, 0.15, 0.1, 0.1, 0.25))
  huisvesting[1:8] <- "instelling"
  huisvesting[9:68] <- "bij_ouders"
  wanbetaler <- sample(c("nee", "ja"), n, replace = TRUE, prob = c(0.74, 0.26))
  eerdere_zaken <- sample(c("0", "1-2", "3-5", "6-10", "11+"), n, replace = TRUE, prob = c(0.15, 0.25, 0.25, 0.2, 0.15))
  geen_adres <- huisvesting %in% c("briefadres", "geen_inschrijving")
  inkomen <- activiteit %in% c("werk", "uitkering")
  veel <- eerdere_zaken %in% c("6-10", "11+")
  lp <- -0.3 * (geslacht == "v") + 0.4 * (leeftijd == "18-24") - 0.2 * (leeftijd == "35-44") -
    0.5 * (leeftijd == "45+") - 0.25 * (activiteit == "werk") - 0.2 * (activiteit == "opleiding") -
    0.1 * (activiteit == "uitkering") + 0.35 * geen_adres + 0.3 * (huisvesting == "instelling") -
    0.2 * (huisvesting == "met_partner") + 0.05 * (wanbetaler == "ja") +
    c("0" = 0, "1-2" = 0.3, "3-5" = 0.6, "6-10" = 0.9, "11+" = 1.2)[eerdere_zaken] +
    0.3 * (geslacht == "v") * geen_adres - 0.2 * inkomen * (wanbetaler == "ja") - 0.15 * inkomen * veel
  t <- ceiling(rexp(n, 0.0012 * exp(lp)))
  cens <- ceiling(runif(n, 200, 1100))
  tijd <- pmin(t, cens, 730)
  gebeurtenis <- as.integer(t <= pmin(cens, 730))
  gebeurtenis[9:68] <- 0L
  gebeurtenis[9:15] <- 1L
  uitkomst <- rbinom(n, 1, plogis(-1.2 + 0.5 * (activiteit == "werk") - 0.4 * geen_adres +
                                     0.3 * (geslacht == "m") - 0.3 * (leeftijd == "45+") - 0.1 * veel))
  write_data(data.frame(tijd, gebeurtenis, uitkomst, geslacht, leeftijd, activiteit, huisvesting,
                        wanbetaler, eerdere_zaken), "monitor_sim.csv")
}

# ---- helpers -------------------------------------------------------------------------

num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.list(x)) {
    if (!is.null(names(x))) {
      items <- vapply(names(x), function(n) paste0(inner, '"', n, '": ', json(x[[n]], inner)), "")
      return(paste0("{\n", paste(items, collapse = ",\n"), "\n", indent, "}"))
    }
    items <- vapply(x, function(v) paste0(inner, json(v, inner)), "")
    return(paste0("[\n", paste(items, collapse = ",\n"), "\n", indent, "]"))
  }
  if (is.character(x)) vals <- paste0('"', x, '"') else vals <- num(x)
  if (length(x) == 1 && is.null(attr(x, "array"))) return(vals)
  paste0("[", paste(vals, collapse = ", "), "]")
}
arr <- function(x) { attr(x, "array") <- TRUE; x }  # keep length-1 vectors as arrays

read <- function(f) read.csv(path(f), colClasses = c(eerdere_zaken = "character"), stringsAsFactors = FALSE)

cox_ref <- function(fit, terms) {
  stopifnot(!any(is.na(coef(fit))))
  list(terms = arr(terms), coef = arr(unname(coef(fit))), se = arr(unname(sqrt(diag(vcov(fit))))),
       loglik = arr(fit$loglik), n = fit$n, events = fit$nevent, iter = fit$iter)
}
glm_ref <- function(fit, terms) {
  stopifnot(fit$converged, !any(is.na(coef(fit))))
  s <- summary(fit)$coefficients
  # glm's standard errors come from the weights of its last IRLS step, i.e. from the iterate
  # before the final coefficients; refitted to full convergence they are the ones at the
  # estimate, which is what the TypeScript fit reports.
  exact <- update(fit, control = glm.control(epsilon = 1e-15, maxit = 100))
  list(terms = arr(terms), coef = arr(unname(s[, 1])), se = arr(unname(s[, 2])),
       se_exact = arr(unname(sqrt(diag(vcov(exact))))), p = arr(unname(s[, 4])),
       p_exact = arr(unname(summary(exact)$coefficients[, 4])), deviance = deviance(fit), null_deviance = fit$null.deviance,
       loglik = as.numeric(logLik(fit)), n = nrow(fit$model), events = sum(fit$y))
}
months <- floor((1:24) * 365.25 / 12)
km_months <- function(fit) {
  s <- summary(fit, times = months, extend = TRUE)
  list(dag = arr(s$time), surv = arr(s$surv), lower = arr(s$lower), upper = arr(s$upper),
       n_risk = arr(s$n.risk), events = arr(cumsum(s$n.event)))
}
km_full <- function(fit) {
  list(time = arr(fit$time), n_risk = arr(fit$n.risk), n_event = arr(fit$n.event),
       n_censor = arr(fit$n.censor), surv = arr(fit$surv), std_err = arr(fit$std.err),
       lower = arr(fit$lower), upper = arr(fit$upper))
}

ref <- list()

# ---- lung: continuous age, a 4-level factor with a level of 1 record ---------------------
lung_d <- read.csv(path("lung.csv"), stringsAsFactors = FALSE)
lung_d$ph_ecog <- factor(lung_d$ph_ecog, levels = 0:3)
ref$lung_cox <- cox_ref(coxph(Surv(tijd, gebeurtenis) ~ age + I(sex == "v") + ph_ecog, data = lung_d, ties = "efron"),
                        c("age", "sex:v", "ph_ecog:1", "ph_ecog:2", "ph_ecog:3"))
# In glm the single ph_ecog = 3 record (an event) separates: R returns coef 13.5 with se 883
# and no warning. The TypeScript fit must refuse that (tested there); the reference merges
# 3 into 2.
lung_d$ph_ecog2 <- factor(pmin(as.integer(as.character(lung_d$ph_ecog)), 2), levels = 0:2)
ref$lung_glm <- glm_ref(glm(gebeurtenis ~ age + I(sex == "v") + ph_ecog2, data = lung_d, family = binomial),
                        c("(Intercept)", "age", "sex:v", "ph_ecog:1", "ph_ecog:2+"))
ref$lung_glm_separated <- list(coef_ph_ecog_3 = unname(coef(glm(gebeurtenis ~ age + I(sex == "v") + ph_ecog, data = lung_d, family = binomial))[6]))
ref$lung_km <- km_full(survfit(Surv(tijd, gebeurtenis) ~ 1, data = lung_d))
ref$lung_km_months <- km_months(survfit(Surv(tijd, gebeurtenis) ~ 1, data = lung_d))

# ---- veteran: several-level factor, continuous karno ----------------------------------------
vet <- read.csv(path("veteran.csv"), stringsAsFactors = FALSE)
vet$celltype <- factor(vet$celltype, levels = c("squamous", "smallcell", "adeno", "large"))
ref$veteran_cox <- cox_ref(coxph(Surv(tijd, gebeurtenis) ~ I(trt == 2) + celltype + karno + I(prior == 10), data = vet, ties = "efron"),
                           c("trt:2", "celltype:smallcell", "celltype:adeno", "celltype:large", "karno", "prior:10"))

# ---- ties_sim: 1500 records on 12 times -------------------------------------------------
ties <- read.csv(path("ties_sim.csv"), stringsAsFactors = FALSE)
ties$groep <- factor(ties$groep, levels = c("a", "b", "c"))
ref$ties_cox <- cox_ref(coxph(Surv(tijd, gebeurtenis) ~ groep + x + I(vlag == "ja"), data = ties, ties = "efron"),
                        c("groep:b", "groep:c", "x", "vlag:ja"))
ref$ties_km <- km_full(survfit(Surv(tijd, gebeurtenis) ~ 1, data = ties))

# ---- monitor_sim: the disclosure rule, then the fits on the merged design ----------------------
levels_of <- list(
  geslacht = c("m", "v"), leeftijd = c("25-34", "18-24", "35-44", "45+"),
  activiteit = c("geen", "werk", "opleiding", "uitkering"),
  huisvesting = c("alleenstaand", "met_partner", "bij_ouders", "met_anderen", "instelling", "briefadres", "geen_inschrijving"),
  wanbetaler = c("nee", "ja"), eerdere_zaken = c("0", "1-2", "3-5", "6-10", "11+"))
mon <- read(("monitor_sim.csv"))
ind <- list(
  "geslacht:v*geen_adres" = (mon$geslacht == "v") * (mon$huisvesting %in% c("briefadres", "geen_inschrijving")),
  "inkomen*wanbetaler:ja" = (mon$activiteit %in% c("werk", "uitkering")) * (mon$wanbetaler == "ja"),
  "inkomen*veel_eerdere_zaken" = (mon$activiteit %in% c("werk", "uitkering")) * (mon$eerdere_zaken %in% c("6-10", "11+")),
  "activiteit:opleiding*geslacht:v" = (mon$activiteit == "opleiding") * (mon$geslacht == "v"))

# The rule, written independently of the TypeScript: a non-reference level (or an interaction
# column) with fewer than K records, or fewer than K events (logit: also fewer than K non-events),
# is merged into the reference (dropped).
monitor_fit <- function(event, kind) {
  small <- function(hit) {
    if (sum(hit) < K) "records" else if (sum(event[hit]) < K) "events" else
      if (kind == "logit" && sum(1 - event[hit]) < K) "non-events" else NA
  }
  merged <- list(); dropped <- list(); X <- list()
  for (cov in names(levels_of)) {
    lv <- levels_of[[cov]]
    for (l in lv[-1]) {
      hit <- mon[[cov]] == l
      reason <- small(hit)
      if (is.na(reason)) X[[paste0(cov, ":", l)]] <- as.numeric(hit)
      else merged[[length(merged) + 1]] <- list(covariate = cov, level = l, reference = lv[1], reason = reason)
    }
  }
  for (term in names(ind)) {
    hit <- ind[[term]] == 1
    reason <- small(hit)
    if (is.na(reason)) X[[term]] <- as.numeric(hit)
    else dropped[[length(dropped) + 1]] <- list(term = term, reason = reason)
  }
  terms <- names(X)
  X <- as.data.frame(X, check.names = FALSE)
  names(X) <- sprintf("c%02d", seq_along(X))  # syntactic names for the formula
  list(X = X, terms = terms, merged = merged, dropped = dropped)
}

mc <- monitor_fit(mon$gebeurtenis, "cox")
cox_data <- cbind(mc$X, tijd = mon$tijd, gebeurtenis = mon$gebeurtenis)
ref$monitor_cox <- c(cox_ref(coxph(Surv(tijd, gebeurtenis) ~ ., data = cox_data, ties = "efron"), mc$terms),
                     list(merged = mc$merged, dropped = mc$dropped))

ml <- monitor_fit(mon$uitkomst, "logit")
glm_data <- cbind(ml$X, uitkomst = mon$uitkomst)
ref$monitor_glm <- c(glm_ref(glm(uitkomst ~ ., data = glm_data, family = binomial), c("(Intercept)", ml$terms)),
                     list(merged = ml$merged, dropped = ml$dropped))

ref$monitor_km_months <- km_months(survfit(Surv(tijd, gebeurtenis) ~ 1, data = mon))
ref$monitor_km_months_v <- km_months(survfit(Surv(tijd, gebeurtenis) ~ 1, data = mon[mon$geslacht == "v", ]))

# ---- proportional hazards: cox.zph(fit, transform = "km"), the score test of survival 3.x ----
# One row per model term as cox.zph groups them (a factor is one term), then GLOBAL.
zph_ref <- function(fit, terms) {
  tab <- cox.zph(fit, transform = "km")$table
  stopifnot(nrow(tab) == length(terms) + 1)
  list(terms = arr(c(terms, "GLOBAL")), chisq = arr(unname(tab[, "chisq"])), df = arr(unname(tab[, "df"])),
       p = arr(unname(tab[, "p"])))
}
ref$lung_zph <- zph_ref(coxph(Surv(tijd, gebeurtenis) ~ age + I(sex == "v") + ph_ecog, data = lung_d, ties = "efron"),
                        c("age", "sex", "ph_ecog"))
ref$veteran_zph <- zph_ref(coxph(Surv(tijd, gebeurtenis) ~ I(trt == 2) + celltype + karno + I(prior == 10), data = vet, ties = "efron"),
                           c("trt", "celltype", "karno", "prior"))
ref$ties_zph <- zph_ref(coxph(Surv(tijd, gebeurtenis) ~ groep + x + I(vlag == "ja"), data = ties, ties = "efron"),
                        c("groep", "x", "vlag"))
# monitor_sim with the disclosure rule applied as above: each covariate a factor of the levels
# that are estimated (merged levels recoded to the reference), each interaction its own term.
merged_factor <- function(cov) {
  v <- mon[[cov]]
  for (m in mc$merged) if (m$covariate == cov) v[v == m$level] <- m$reference
  lv <- levels_of[[cov]]
  factor(v, levels = lv[lv %in% v])
}
zdata <- data.frame(tijd = mon$tijd, gebeurtenis = mon$gebeurtenis)
for (cov in names(levels_of)) zdata[[cov]] <- merged_factor(cov)
kept <- names(ind)[names(ind) %in% mc$terms]
for (i in seq_along(kept)) zdata[[sprintf("i%d", i)]] <- ind[[kept[i]]]
zfit <- coxph(as.formula(paste("Surv(tijd, gebeurtenis) ~", paste(c(names(levels_of), sprintf("i%d", seq_along(kept))), collapse = " + "))),
              data = zdata, ties = "efron")
stopifnot(isTRUE(all.equal(unname(coef(zfit)), as.vector(ref$monitor_cox$coef), tolerance = 1e-8)))
ref$monitor_zph <- zph_ref(zfit, c(names(levels_of), kept))

# ---- a time-split fit: activiteit's ratios for days 1-182 and 183+ apart -----------------------
# Episode splitting at day 182 (survSplit: (0, 182] and (182, tijd]); each activiteit column of
# the monitor_sim design becomes two, one per period, next to each other; the other columns as
# they are. Counting-process Cox, Efron ties.
split <- survSplit(cbind(mc$X, tijd = mon$tijd, gebeurtenis = mon$gebeurtenis), cut = 182, end = "tijd",
                   event = "gebeurtenis", episode = "periode")
sX <- list(); sterms <- character()
for (j in seq_along(mc$terms)) {
  col <- split[[sprintf("c%02d", j)]]
  if (startsWith(mc$terms[j], "activiteit:")) {
    sX[[length(sX) + 1]] <- col * (split$periode == 1); sterms <- c(sterms, paste0(mc$terms[j], "@0-6m"))
    sX[[length(sX) + 1]] <- col * (split$periode == 2); sterms <- c(sterms, paste0(mc$terms[j], "@6-24m"))
  } else {
    sX[[length(sX) + 1]] <- col; sterms <- c(sterms, mc$terms[j])
  }
}
sX <- as.data.frame(sX); names(sX) <- sprintf("s%02d", seq_along(sX))
sfit <- coxph(Surv(split$tstart, split$tijd, split$gebeurtenis) ~ ., data = sX, ties = "efron")
ref$monitor_split <- c(cox_ref(sfit, sterms), list(cut = 182, rows = nrow(split)))

# ---- the chi-squared upper tail ------------------------------------------------------------
chi_x <- c(0.001, 0.5, 1, 3.84, 7.5, 12, 25, 60, 150, 400)
chi_df <- c(1, 2, 3, 6, 13)
ref$pchisq <- list(x = arr(rep(chi_x, times = length(chi_df))), df = arr(rep(chi_df, each = length(chi_x))),
                   p = arr(pchisq(rep(chi_x, times = length(chi_df)), rep(chi_df, each = length(chi_x)), lower.tail = FALSE)))

# ---- the normal distribution, into the far tail ---------------------------------------------
z <- c(0, 1e-10, 0.1, 0.5, 0.67448975, 0.7, 1, 1.959963984540054, 2.5, 3, 4, 5, 5.65, 5.7, 6, 8, 10, 15, 20, 30, 37, 37.6)
ref$pnorm <- list(z = arr(z), lower = arr(pnorm(-z)), upper_of_neg = arr(pnorm(-z, lower.tail = FALSE)),
                  two_sided = arr(2 * pnorm(-z)))

writeLines(json(ref), path("reference.json"))
cat("wrote", path("reference.json"), "\n")
cat("R", R.version$major, R.version$minor, "survival", as.character(packageVersion("survival")), "\n")
