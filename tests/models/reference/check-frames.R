# Refit the Cox models from the verification frames (npm run report -- --model-frames <map>) with
# R's survival::coxph and cox.zph(transform = "km"), and compare with the build's modellen.csv
# and modellen_ph.csv. For the secure environment: the frames hold person-level data.
#
#   Rscript tests/models/reference/check-frames.R <frames folder> <folder with modellen.csv>
#
# Levels are coded as the build coded them: a level with its own row in modellen.csv is a
# column; all other levels of the covariate (the reference and the levels merged into it) form
# the reference. A covariate without any term is left out. Prints, per model, the largest
# relative difference of coef and se, and the two PH tables side by side.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 2)
frames <- args[1]; data <- args[2]
mod <- read.csv(file.path(data, "modellen.csv"), colClasses = "character")
ph <- read.csv(file.path(data, "modellen_ph.csv"), colClasses = c("character", "character", "numeric", "integer", "numeric"))

interacties <- list(
  "geslacht:v*geen_adres" = function(d) (d$geslacht == "v") * (d$huisvesting %in% c("briefadres", "geen_inschrijving")),
  "inkomen*wanbetaler:ja" = function(d) (d$activiteit %in% c("werk", "uitkering")) * (d$wanbetaler == "ja"),
  "inkomen*veel_eerdere_zaken" = function(d) (d$activiteit %in% c("werk", "uitkering")) * (d$eerdere_zaken %in% c("6-10", "11+")))

for (model in c("cox_basis", "cox_interactie", "cox_landmark_6m")) {
  bestand <- file.path(frames, paste0(model, ".csv"))
  if (!file.exists(bestand)) next
  d <- read.csv(bestand, colClasses = "character")
  d$tijd <- as.numeric(d$tijd); d$gebeurtenis <- as.integer(d$gebeurtenis)
  rijen <- mod[mod$model == model & mod$term != "(model)", ]
  termen <- rijen$term
  covs <- setdiff(names(d), c("tijd", "gebeurtenis"))
  rhs <- character(); namen <- character(); groepen <- character()
  for (cov in covs) {
    niveaus <- sub(paste0("^", cov, ":"), "", termen[startsWith(termen, paste0(cov, ":")) & !grepl("\\*", termen)])
    if (length(niveaus) == 0) next
    v <- ifelse(d[[cov]] %in% niveaus, d[[cov]], ".ref")
    d[[paste0("f_", cov)]] <- factor(v, levels = c(".ref", niveaus))
    rhs <- c(rhs, paste0("f_", cov)); namen <- c(namen, paste0(cov, ":", niveaus)); groepen <- c(groepen, cov)
  }
  i <- 0
  for (t in termen[grepl("\\*", termen)]) {
    i <- i + 1
    d[[sprintf("i%d", i)]] <- interacties[[t]](d)
    rhs <- c(rhs, sprintf("i%d", i)); namen <- c(namen, t); groepen <- c(groepen, t)
  }
  fit <- coxph(as.formula(paste("Surv(tijd, gebeurtenis) ~", paste(rhs, collapse = " + "))), data = d, ties = "efron")
  stopifnot(identical(namen, termen))
  rel <- function(a, b) max(abs(a - b) / abs(b))
  cat(sprintf("\n%s: n %d, events %d; max rel. verschil coef %.2g, se %.2g, loglik %.2g\n", model, fit$n, fit$nevent,
              rel(as.numeric(rijen$coef), unname(coef(fit))), rel(as.numeric(rijen$se), unname(sqrt(diag(vcov(fit))))),
              rel(as.numeric(mod$coef[mod$model == model & mod$term == "(model)"]), fit$loglik[2])))
  z <- cox.zph(fit, transform = "km")$table
  r <- data.frame(term = c(groepen, "GLOBAL"), chisq_R = unname(z[, "chisq"]), df_R = unname(z[, "df"]), p_R = unname(z[, "p"]))
  ons <- ph[ph$model == model, ]
  m <- merge(data.frame(term = ons$term, chisq = ons$chisq, df = ons$df, p = ons$p, volgorde = seq_len(nrow(ons))), r, by = "term")
  m <- m[order(m$volgorde), c("term", "chisq", "chisq_R", "df", "df_R", "p", "p_R")]
  stopifnot(nrow(m) == nrow(ons), nrow(m) == nrow(r))
  print(format(m, digits = 6), row.names = FALSE)
  cat(sprintf("max rel. verschil chisq %.2g, p %.2g\n", rel(m$chisq, m$chisq_R), rel(m$p, m$p_R)))

  # The time-split fits of modellen_perioden.csv: episodes split at day 182, the covariate's
  # columns one per period (survSplit + counting-process coxph).
  per <- read.csv(file.path(data, "modellen_perioden.csv"), colClasses = "character")
  per <- per[per$model == model, ]
  mm <- model.matrix(fit)
  colnames(mm) <- namen
  for (cov in unique(sub("@.*$", "", sub(":[^:*]*@.*$", "", per$term)))) {
    kolommen <- which(groepen[fit$assign |> (\(a) rep(seq_along(a), lengths(a)))()] == cov)
    sd <- survSplit(Surv(tijd, gebeurtenis) ~ ., data = cbind(as.data.frame(mm), tijd = d$tijd, gebeurtenis = d$gebeurtenis),
                    cut = 182, episode = "periode")
    X <- list(); xn <- character()
    for (j in seq_along(namen)) {
      if (j %in% kolommen) {
        X[[length(X) + 1]] <- sd[[namen[j]]] * (sd$periode == 1); xn <- c(xn, paste0(namen[j], "@0-6m"))
        X[[length(X) + 1]] <- sd[[namen[j]]] * (sd$periode == 2); xn <- c(xn, paste0(namen[j], "@6-24m"))
      } else { X[[length(X) + 1]] <- sd[[namen[j]]]; xn <- c(xn, namen[j]) }
    }
    X <- as.data.frame(X); names(X) <- sprintf("x%02d", seq_along(X))
    sfit <- coxph(Surv(sd$tstart, sd$tijd, sd$gebeurtenis) ~ ., data = X, ties = "efron")
    r <- data.frame(term = xn, ratio_R = unname(exp(coef(sfit))), ci_laag_R = unname(exp(confint(sfit)[, 1])),
                    ci_hoog_R = unname(exp(confint(sfit)[, 2])))
    o <- merge(per[startsWith(per$term, paste0(cov, ":")) | startsWith(per$term, paste0(cov, "@")), c("term", "ratio", "ci_laag", "ci_hoog")], r, by = "term")
    cat(sprintf("tijdsplitsing %s:\n", cov)); print(o, row.names = FALSE)
    cat(sprintf("max rel. verschil ratio %.2g\n", rel(as.numeric(o$ratio), o$ratio_R)))
  }
}
